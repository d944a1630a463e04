export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  maxRetries?: number | undefined;
  /** First backoff step in ms; it doubles on each retry. Default 500. */
  baseDelayMs?: number | undefined;
  /** Cap on one backoff step (and on an honoured Retry-After). Default 20 000. */
  maxDelayMs?: number | undefined;
  /** No retry starts later than this many ms after the call began. Default 60 000. */
  maxElapsedMs?: number | undefined;
}

export type ResolvedRetryPolicy = { [Key in keyof RetryPolicy]-?: number };

export const DEFAULT_RETRY: ResolvedRetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxElapsedMs: 60_000,
};

/** Statuses that mean "try again later" rather than "this request is wrong". */
export function isRetryableStatus(status: number): boolean {
  return [408, 429, 500, 502, 503, 504].includes(status);
}

// Errors raised while connecting, i.e. before a byte of the request went out; only these make a
// non-idempotent request (POST) safe to send again.
const NOT_SENT_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
];

/** The error code of a failed fetch, looking through undici's `cause` wrapping. */
export function networkErrorCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; errors?: unknown[]; cause?: unknown } | undefined;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    // An AggregateError (one per address tried) or a wrapper with the real error as its cause.
    current = (Array.isArray(current.errors) ? current.errors[0] : current.cause) as typeof current;
  }
  return undefined;
}

export function failedBeforeSending(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NOT_SENT_CODES.includes(code);
}

/** Exponential backoff with "equal jitter": half the step is fixed, half is random. */
export function backoffDelay(retry: number, policy: ResolvedRetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Parses `Retry-After` (delta-seconds or an HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
