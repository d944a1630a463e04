import { DEFAULT_RETRY, type ResolvedRetryPolicy, type RetryPolicy } from './retry.js';
import { SDK_VERSION } from './version.js';

/** A fetch function: the global one, or one the caller supplies (a test double, a proxy...). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** An access token, or a function giving a fresh one (tokens live 20 minutes). */
export type AccessToken = string | (() => string | Promise<string>);

/**
 * A token function that can also cure a 401 (a token provider's, from '@adultwork-api/sdk/auth'):
 * given the token the API refused, it resolves true once a fresh one is ready, and the call is
 * sent once more.
 */
export interface RefreshingAccessToken {
  (): string | Promise<string>;
  onUnauthorized(rejectedToken: string): Promise<boolean>;
}

export const ENVIRONMENTS = {
  sandbox: 'https://api-sandbox.adultwork.com',
  /** Assumed: the API documents only the sandbox host. */
  production: 'https://api.adultwork.com',
} as const;

export type EnvironmentName = keyof typeof ENVIRONMENTS;

// Optional fields take `undefined` too, for callers compiling with exactOptionalPropertyTypes.
export interface ClientOptions {
  /** The user's OAuth access token, or an (async) function returning a current one. */
  accessToken: AccessToken;
  /** `sandbox` (default), `production`, or a base URL such as `http://127.0.0.1:4010`. */
  environment?: EnvironmentName | (string & {}) | undefined;
  /** fetch to send requests with; the global fetch by default. */
  fetch?: FetchLike | undefined;
  /** Time allowed for one attempt (response and body), in ms; 0 means no timeout. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retry policy for requests that are safe to repeat; `false` turns retries off. */
  retry?: RetryPolicy | false | undefined;
  /** Prepended to the SDK's own User-Agent, e.g. `my-app/1.2.3`. */
  userAgent?: string | undefined;
  /** Extra headers sent on every request. */
  headers?: Record<string, string> | undefined;
  /** Receives one line per attempt (method, path, status, timing). Never given headers or tokens. */
  logger?: ((line: string) => void) | undefined;
}

export interface ResolvedOptions {
  baseUrl: string;
  /** Checked to be a non-empty string or a function; kept only in the transport's closure. */
  accessToken: AccessToken;
  fetch: FetchLike | undefined;
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
  headers: Record<string, string>;
  logger: ((line: string) => void) | undefined;
}

// setTimeout fires at once for delays that do not fit in 32 bits.
export const MAX_TIMER_MS = 2_147_483_647;

export const fail = (message: string): never => {
  throw new TypeError(message);
};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A plain object; with `known`, one whose keys are all in it: a misspelt option or field would
 * otherwise be ignored without a word.
 */
export function checkObject(value: unknown, name: string, known?: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) fail(`${name} must be an object, got ${describe(value)}`);
  if (known) {
    for (const key of Object.keys(value as object)) {
      if (!known.includes(key)) fail(`${name}: unknown field "${key}"; known: ${known.join(', ')}`);
    }
  }
  return value as Record<string, unknown>;
}

/**
 * A number from `min` to `max`, whole unless `whole` is false. Not a number is a TypeError; NaN,
 * out of range or a fraction is a RangeError.
 */
export function checkNumber(value: unknown, name: string, min: number, max: number, whole = true): number {
  if (typeof value !== 'number') fail(`${name} must be a number, got ${describe(value)}`);
  if (!((value as number) >= min && (value as number) <= max) || (whole && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a ${min > 0 ? 'positive ' : ''}${whole ? 'whole ' : ''}number from ${min} to ${max}, got ${value}`);
  }
  return value as number;
}

/** A wait in ms; 0 is allowed (for timeoutMs it means no timeout). */
export const checkMilliseconds = (value: unknown, name: string): number => checkNumber(value, name, 0, MAX_TIMER_MS, false);

/** Header values may not break lines: that would let a value smuggle in a header of its own. */
export const checkLine = (value: string, name: string): string => (/[\r\n\0]/.test(value) ? fail(`${name} must not contain line breaks`) : value);

export function checkHeaders(value: unknown, name: string): Record<string, string> {
  for (const [key, header] of Object.entries(checkObject(value, name))) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) fail(`${name}: "${key}" is not a valid header name`);
    if (typeof header !== 'string') fail(`${name}.${key} must be a string, got ${describe(header)}`);
    checkLine(header as string, `${name}.${key}`);
  }
  return value as Record<string, string>;
}

/** A short description of a bad value for error messages; never echoes strings (they may be secrets). */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === 'string') return `a string of length ${(value as string).length}`;
  if (type === 'number' || type === 'boolean') return `${type} ${value}`;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : type;
}

function resolveBaseUrl(environment: unknown): string {
  environment ??= 'sandbox';
  if (Object.hasOwn(ENVIRONMENTS, environment as string)) return ENVIRONMENTS[environment as EnvironmentName];
  let url: URL | undefined;
  try {
    url = new URL(environment as string);
  } catch {
    // Left undefined: refused below, with the rest.
  }
  // The value is not quoted back: a URL may carry credentials.
  if (typeof environment !== 'string' || !/^https?:$/.test(url?.protocol ?? '') || url?.search || url?.hash || url?.username || url?.password) {
    fail(`environment must be "sandbox", "production" or an http(s) URL without query, fragment or credentials; got ${describe(environment)}`);
  }
  return (url as URL).href.replace(/\/+$/, '');
}

function resolveRetry(retry: unknown): ResolvedRetryPolicy {
  const policy = { ...DEFAULT_RETRY };
  if (retry === false) policy.maxRetries = 0;
  if (retry === undefined || retry === false) return policy;
  for (const [key, value] of Object.entries(checkObject(retry, 'retry', Object.keys(DEFAULT_RETRY)))) {
    if (value === undefined) continue;
    const name = `retry.${key}`;
    policy[key as keyof ResolvedRetryPolicy] = key === 'maxRetries' ? checkNumber(value, name, 0, 10) : checkMilliseconds(value, name);
  }
  return policy;
}

const KNOWN_OPTIONS = ['accessToken', 'environment', 'fetch', 'timeoutMs', 'retry', 'userAgent', 'headers', 'logger'];

export function resolveOptions(options: unknown): ResolvedOptions {
  const { accessToken, environment, fetch, timeoutMs, retry, userAgent, headers, logger } = checkObject(options, 'The client options', KNOWN_OPTIONS);
  if (typeof accessToken === 'string' ? accessToken.trim() === '' : typeof accessToken !== 'function') {
    fail(`accessToken must be a non-empty string or a function returning one, got ${describe(accessToken)}`);
  }
  for (const [name, value] of [['fetch', fetch], ['logger', logger]] as const) {
    if (value !== undefined && typeof value !== 'function') fail(`${name} must be a function, got ${describe(value)}`);
  }
  if (fetch === undefined && typeof globalThis.fetch !== 'function') fail('No global fetch here: pass the fetch option');
  let agent = `adultwork-api-sdk/${SDK_VERSION}`;
  if (userAgent !== undefined) {
    if (typeof userAgent !== 'string' || userAgent.trim() === '') fail('userAgent must be a non-empty string');
    agent = `${checkLine((userAgent as string).trim(), 'userAgent')} ${agent}`;
  }
  return {
    baseUrl: resolveBaseUrl(environment),
    accessToken: accessToken as AccessToken,
    fetch: fetch as FetchLike | undefined,
    timeoutMs: timeoutMs === undefined ? 30_000 : checkMilliseconds(timeoutMs, 'timeoutMs'),
    retry: resolveRetry(retry),
    headers: { 'User-Agent': agent, ...(headers === undefined ? {} : checkHeaders(headers, 'headers')) },
    logger: logger as ((line: string) => void) | undefined,
  };
}
