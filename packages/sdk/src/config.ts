import { DEFAULT_RETRY, type ResolvedRetryPolicy, type RetryPolicy } from './retry.js';
import { SDK_VERSION } from './version.js';

/** A fetch function: the global one, or one the caller supplies (a test double, a proxy...). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** An access token, or a function giving a fresh one (tokens live 20 minutes). */
export type AccessToken = string | (() => string | Promise<string>);

export const ENVIRONMENTS = {
  sandbox: 'https://api-sandbox.adultwork.com',
  /** Assumed: the API documents only the sandbox host. */
  production: 'https://api.adultwork.com',
} as const;

export type EnvironmentName = keyof typeof ENVIRONMENTS;

export interface ClientOptions {
  /** The user's OAuth access token, or an (async) function returning a current one. */
  accessToken: AccessToken;
  /** `sandbox` (default), `production`, or a base URL such as `http://127.0.0.1:4010`. */
  environment?: EnvironmentName | (string & {});
  /** fetch to send requests with; the global fetch by default. */
  fetch?: FetchLike;
  /** Time allowed for one attempt (response and body), in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retry policy for requests that are safe to repeat; `false` turns retries off. */
  retry?: RetryPolicy | false;
  /** Prepended to the SDK's own User-Agent, e.g. `my-app/1.2.3`. */
  userAgent?: string;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
  /** Receives one line per attempt (method, path, status, timing). Never given headers or tokens. */
  logger?: (line: string) => void;
}

export interface ResolvedOptions {
  baseUrl: string;
  tokenProvider: () => string | Promise<string>;
  fetch: FetchLike | undefined;
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
  headers: Record<string, string>;
  logger: ((line: string) => void) | undefined;
}

// setTimeout fires at once for delays that do not fit in 32 bits.
export const MAX_TIMER_MS = 2_147_483_647;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function checkMilliseconds(value: unknown, name: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number of milliseconds, got ${describe(value)}`);
  }
  if (value < 0 || (!allowZero && value === 0) || value > MAX_TIMER_MS) {
    throw new RangeError(`${name} must be ${allowZero ? 'at least 0' : 'greater than 0'} and at most ${MAX_TIMER_MS} ms, got ${value}`);
  }
  return value;
}

export function checkHeaders(value: unknown, name: string): Record<string, string> {
  if (!isPlainObject(value)) throw new TypeError(`${name} must be an object of header names to string values`);
  const headers: Record<string, string> = {};
  for (const [key, header] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) throw new TypeError(`${name}: "${key}" is not a valid header name`);
    if (typeof header !== 'string') throw new TypeError(`${name}.${key} must be a string, got ${describe(header)}`);
    if (/[\r\n\0]/.test(header)) throw new TypeError(`${name}.${key} must not contain line breaks`);
    headers[key] = header;
  }
  return headers;
}

/** A short description of a bad value for error messages; never echoes strings (they may be secrets). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function resolveBaseUrl(environment: unknown): string {
  if (environment === undefined) return ENVIRONMENTS.sandbox;
  if (typeof environment !== 'string') {
    throw new TypeError(`environment must be "sandbox", "production" or a base URL string, got ${describe(environment)}`);
  }
  if (environment === 'sandbox' || environment === 'production') return ENVIRONMENTS[environment];
  let url: URL;
  try {
    url = new URL(environment);
  } catch {
    throw new TypeError(`environment must be "sandbox", "production" or an absolute http(s) URL, got "${environment}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`environment URL must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError('environment URL must not carry a query, a fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}

function resolveRetry(retry: unknown): ResolvedRetryPolicy {
  if (retry === undefined) return { ...DEFAULT_RETRY };
  if (retry === false) return { ...DEFAULT_RETRY, maxRetries: 0 };
  if (!isPlainObject(retry)) throw new TypeError(`retry must be an object or false, got ${describe(retry)}`);
  const known = new Set(Object.keys(DEFAULT_RETRY));
  for (const key of Object.keys(retry)) {
    if (!known.has(key)) throw new TypeError(`retry.${key} is not an option; known: ${[...known].join(', ')}`);
  }
  const policy = { ...DEFAULT_RETRY };
  if (retry.maxRetries !== undefined) {
    const n = retry.maxRetries;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`retry.maxRetries must be an integer, got ${describe(n)}`);
    if (n < 0 || n > 10) throw new RangeError(`retry.maxRetries must be from 0 to 10, got ${n}`);
    policy.maxRetries = n;
  }
  if (retry.baseDelayMs !== undefined) policy.baseDelayMs = checkMilliseconds(retry.baseDelayMs, 'retry.baseDelayMs', true);
  if (retry.maxDelayMs !== undefined) policy.maxDelayMs = checkMilliseconds(retry.maxDelayMs, 'retry.maxDelayMs', true);
  if (retry.maxElapsedMs !== undefined) policy.maxElapsedMs = checkMilliseconds(retry.maxElapsedMs, 'retry.maxElapsedMs', true);
  return policy;
}

function resolveToken(token: unknown): () => string | Promise<string> {
  if (typeof token === 'function') return token as () => string | Promise<string>;
  if (typeof token === 'string') {
    if (token.trim() === '') throw new TypeError('accessToken must not be empty');
    // Kept only inside this closure, so no property of any SDK object ever holds the token.
    return () => token;
  }
  throw new TypeError(`accessToken must be a string or a function returning one, got ${describe(token)}`);
}

const KNOWN_OPTIONS = new Set(['accessToken', 'environment', 'fetch', 'timeoutMs', 'retry', 'userAgent', 'headers', 'logger']);

export function resolveOptions(options: unknown): ResolvedOptions {
  if (!isPlainObject(options)) {
    throw new TypeError('AdultWorkClient needs an options object, e.g. new AdultWorkClient({ accessToken })');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`Unknown option "${key}"; known: ${[...KNOWN_OPTIONS].join(', ')}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError(`fetch must be a function, got ${describe(options.fetch)}`);
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError('No global fetch in this runtime: pass one as the fetch option');
  }
  if (options.logger !== undefined && typeof options.logger !== 'function') {
    throw new TypeError(`logger must be a function, got ${describe(options.logger)}`);
  }
  let agent = `adultwork-api-sdk/${SDK_VERSION}`;
  if (options.userAgent !== undefined) {
    if (typeof options.userAgent !== 'string' || options.userAgent.trim() === '' || /[\r\n\0]/.test(options.userAgent)) {
      throw new TypeError('userAgent must be a non-empty string on one line');
    }
    agent = `${options.userAgent.trim()} ${agent}`;
  }
  const headers = options.headers === undefined ? {} : checkHeaders(options.headers, 'headers');
  return {
    baseUrl: resolveBaseUrl(options.environment),
    tokenProvider: resolveToken(options.accessToken),
    fetch: options.fetch as FetchLike | undefined,
    timeoutMs: options.timeoutMs === undefined ? 30_000 : checkMilliseconds(options.timeoutMs, 'timeoutMs'),
    retry: resolveRetry(options.retry),
    headers: { 'User-Agent': agent, ...headers },
    logger: options.logger as ((line: string) => void) | undefined,
  };
}
