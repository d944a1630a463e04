import { querystring, type RequestOpts } from '@adultwork-api/client-fetch';
import { checkHeaders, checkMilliseconds, describe, type ResolvedOptions } from './config.js';
import { AdultWorkError, NetworkError, TimeoutError, errorFromStatus } from './errors.js';
import { backoffDelay, failedBeforeSending, isRetryableStatus, networkErrorCode, parseRetryAfter, sleep } from './retry.js';

/** Options every SDK call takes as its last argument. */
export interface CallOptions {
  /** Aborts the call (including waits between retries); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Extra headers for this call only, e.g. `{ Prefer: 'example=page2of3' }` against the mock. */
  headers?: Record<string, string>;
}

interface CheckedCall {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  headers: Record<string, string>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AdultWorkError; retryable: boolean; retryAfterMs?: number };

const CALL_OPTIONS = new Set(['signal', 'timeoutMs', 'headers']);
const REDACTED = '[redacted]';

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    value !== null &&
    typeof value === 'object' &&
    'aborted' in value &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

/**
 * Sends the requests that the generated client describes (path, method, query, body, auth
 * header) and adds what it lacks: timeouts, retries, abort, typed errors and token hygiene.
 */
export class Transport {
  readonly #options: ResolvedOptions;
  // Tokens handed out recently, to scrub them from anything a server might echo back.
  readonly #recentTokens = new Set<string>();

  constructor(options: ResolvedOptions) {
    this.#options = options;
  }

  get baseUrl(): string {
    return this.#options.baseUrl;
  }

  /** The Authorization header value, asked for once per call. */
  async #authorization(): Promise<string> {
    const token: unknown = await this.#options.tokenProvider();
    if (typeof token !== 'string' || token.trim() === '') {
      throw new TypeError(`The accessToken function must return a non-empty string, got ${describe(token)}`);
    }
    if (/[\r\n\0]/.test(token)) throw new TypeError('The access token must not contain line breaks');
    const bare = token.trim().replace(/^bearer\s+/i, '');
    this.#recentTokens.add(bare);
    if (this.#recentTokens.size > 4) {
      const oldest = this.#recentTokens.values().next().value;
      if (oldest !== undefined) this.#recentTokens.delete(oldest);
    }
    return `Bearer ${bare}`;
  }

  checkCall(call: unknown): CheckedCall {
    if (call === undefined) return { signal: undefined, timeoutMs: this.#options.timeoutMs, headers: {} };
    if (call === null || typeof call !== 'object' || Array.isArray(call)) {
      throw new TypeError(`Call options must be an object ({ signal, timeoutMs, headers }), got ${describe(call)}`);
    }
    const options = call as Record<string, unknown>;
    for (const key of Object.keys(options)) {
      if (!CALL_OPTIONS.has(key)) throw new TypeError(`Unknown call option "${key}"; known: signal, timeoutMs, headers`);
    }
    if (options.signal !== undefined && !isAbortSignal(options.signal)) {
      throw new TypeError(`signal must be an AbortSignal, got ${describe(options.signal)}`);
    }
    return {
      signal: options.signal as AbortSignal | undefined,
      timeoutMs: options.timeoutMs === undefined ? this.#options.timeoutMs : checkMilliseconds(options.timeoutMs, 'timeoutMs'),
      headers: options.headers === undefined ? {} : checkHeaders(options.headers, 'headers'),
    };
  }

  async send<T>(operation: string, request: RequestOpts, call: CheckedCall): Promise<T> {
    const { signal } = call;
    signal?.throwIfAborted();
    const query = request.query && Object.keys(request.query).length > 0 ? `?${querystring(request.query)}` : '';
    const path = request.path + query;
    const url = this.#options.baseUrl + path;
    const authorization = await this.#authorization();
    signal?.throwIfAborted();
    const init: RequestInit = {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...this.#options.headers,
        ...request.headers,
        Authorization: authorization,
        ...call.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    };
    const retry = this.#options.retry;
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.#attempt<T>(operation, url, init, call);
      if (outcome.ok) {
        if (this.#options.logger) this.#log(`${operation} ${request.method} ${path} -> ok in ${Date.now() - started} ms`);
        return outcome.value;
      }
      const { error } = outcome;
      if (this.#options.logger) this.#log(`${operation} ${request.method} ${path} -> ${error.name}${error.status ? ` ${error.status}` : ''}`);
      if (!outcome.retryable || attempt >= retry.maxRetries) throw error;
      const delay = outcome.retryAfterMs ?? backoffDelay(attempt, retry);
      // A Retry-After beyond what the policy allows is honoured by not retrying at all: the
      // caller gets the error, with retryAfterMs, and decides.
      if (delay > retry.maxDelayMs || Date.now() - started + delay > retry.maxElapsedMs) throw error;
      this.#log(`${operation} retry ${attempt + 1} of ${retry.maxRetries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  }

  async #attempt<T>(operation: string, url: string, init: RequestInit, call: CheckedCall): Promise<Outcome<T>> {
    const { signal, timeoutMs } = call;
    const idempotent = init.method === 'GET';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: Response | undefined;
    try {
      response = await (this.#options.fetch ?? globalThis.fetch)(url, { ...init, signal: controller.signal });
      if (response === null || typeof response !== 'object' || typeof response.status !== 'number') {
        throw new TypeError('fetch resolved to something that is not a Response');
      }
      // The body is read under the same timer and signal: a server that stalls mid-body is a timeout too.
      const text = this.#scrub(await response.text());
      return this.#interpret<T>(operation, response, text, idempotent);
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        const error = new TimeoutError(`${operation}: no complete response within ${timeoutMs} ms`, {
          operation,
          timeoutMs,
          ...(response ? { status: response.status } : {}),
        });
        return { ok: false, error, retryable: idempotent };
      }
      const code = networkErrorCode(cause);
      const error = new NetworkError(`${operation}: the request failed at the network level${code ? ` (${code})` : ''}`, {
        operation,
        cause,
      });
      return { ok: false, error, retryable: idempotent || (response === undefined && failedBeforeSending(cause)) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #interpret<T>(operation: string, response: Response, text: string, idempotent: boolean): Outcome<T> {
    const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined;
    const base = { operation, status: response.status, ...(requestId ? { requestId } : {}) };
    if (response.status >= 200 && response.status < 300) {
      try {
        return { ok: true, value: JSON.parse(text) as T };
      } catch {
        const error = new AdultWorkError(`${operation}: the response (HTTP ${response.status}) is not valid JSON`, {
          ...base,
          body: text,
        });
        return { ok: false, error, retryable: false };
      }
    }
    const body = parseBody(text);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const apiMessage =
      body !== null && typeof body === 'object' && 'Message' in body && typeof body.Message === 'string' ? body.Message : undefined;
    const message =
      `${operation} failed with HTTP ${response.status}` +
      (apiMessage ? `: ${apiMessage}` : response.statusText ? ` ${response.statusText}` : '') +
      (requestId ? ` (request id ${requestId})` : '');
    const error = errorFromStatus(response.status, message, {
      ...base,
      body,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    return {
      ok: false,
      error,
      retryable: idempotent && isRetryableStatus(response.status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }

  #scrub(text: string): string {
    let clean = text;
    for (const token of this.#recentTokens) {
      if (token.length >= 4 && clean.includes(token)) clean = clean.split(token).join(REDACTED);
    }
    return clean;
  }

  #log(line: string): void {
    this.#options.logger?.(this.#scrub(line));
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
