import { checkHeaders, checkLine, checkObject, checkMilliseconds, describe, fail, isPlainObject, resolveOptions, type ClientOptions, type RefreshingAccessToken } from './config.js';
import { requestIdOf, tagCall, type Received } from './apiPromise.js';
import { ConnectionError, TimeoutError, errorFromStatus, messageOf, type AdultWorkError } from './errors.js';
import type { Operation } from './operation.js';
import { backoffDelay, failedBeforeSending, isRetryableStatus, networkErrorCode, parseRetryAfter, sleep } from './retry.js';

/** Options every SDK call takes as its last argument. */
export interface CallOptions {
  // `| undefined` on each: callers with exactOptionalPropertyTypes may pass a value that may be undefined.
  /** Aborts the call (including waits between retries); the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout for this call; 0 means no timeout. */
  timeoutMs?: number | undefined;
  /** Extra headers for this call only, e.g. `{ Prefer: 'example=page2of3' }` against the mock. */
  headers?: Record<string, string> | undefined;
}

/**
 * Sends the operations of the spec: builds the URL, headers and body from an operation's
 * constant, and adds timeouts, retries, abort, typed errors and token hygiene. Made by
 * `createTransport`; every operation function takes one.
 */
export interface Transport {
  /** Base URL requests go to, e.g. `https://api-sandbox.adultwork.com`. */
  readonly baseUrl: string;
  /**
   * Sends one operation with its query parameters and JSON body, unchecked: the operation
   * functions check their arguments and then call this. `withResponse(promise)` gives the
   * response with the answer.
   */
  send<Query, Body, Result>(operation: Operation<Query, Body, Result>, query: Query, body: Body, options?: CallOptions): Promise<Result>;
}

const CALL_OPTIONS = ['signal', 'timeoutMs', 'headers'];
const REDACTED = '[redacted]';

/** Checks call options; the same object comes back when it is fine as it is. */
export function checkCall(call: unknown): CallOptions | undefined {
  if (call === undefined) return undefined;
  const options = checkObject(call, 'Call options', CALL_OPTIONS);
  const { signal, timeoutMs, headers } = options;
  if (signal !== undefined && !(isPlainObject(signal) && 'aborted' in signal && 'addEventListener' in signal)) {
    fail(`signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (timeoutMs !== undefined) checkMilliseconds(timeoutMs, 'timeoutMs');
  if (headers !== undefined) checkHeaders(headers, 'headers');
  return options as CallOptions;
}

/**
 * A transport for the given client options (the same options as `new AdultWorkClient(...)`).
 * It holds no token in any property: the token stays inside this closure.
 */
export function createTransport(clientOptions: ClientOptions): Transport {
  const { baseUrl, accessToken, fetch: fetchOption, timeoutMs: defaultTimeoutMs, retry, headers: clientHeaders, logger } =
    resolveOptions(clientOptions);
  // Tokens handed out recently, to scrub them from anything a server might echo back.
  const recentTokens = new Set<string>();
  const scrub = (text: string): string => {
    for (const token of recentTokens) if (token.length >= 4) text = text.split(token).join(REDACTED);
    return text;
  };
  const log = (line: string): void => logger?.(scrub(line));
  // A server might echo the token in a header as well as in a body.
  const scrubHeaders = (headers: Headers): Headers => new Headers([...headers].map(([name, value]) => [name, scrub(value)] as [string, string]));
  // The token is never in a log line: only the operation, method, path and outcome.
  const authorization = (token: unknown): string => {
    if (typeof token !== 'string' || token.trim() === '') fail(`accessToken() must return a non-empty string, got ${describe(token)}`);
    const bare = checkLine(token as string, 'The access token').trim().replace(/^bearer\s+/i, '');
    recentTokens.add(bare);
    if (recentTokens.size > 4) recentTokens.delete(recentTokens.values().next().value as string);
    return `Bearer ${bare}`;
  };
  const onUnauthorized = typeof accessToken === 'function' ? (accessToken as Partial<RefreshingAccessToken>).onUnauthorized : undefined;
  // A fixed token becomes its header once, here, so that calls need not wait for it.
  const fixedAuthorization = typeof accessToken === 'string' ? authorization(accessToken) : undefined;
  // Built once: only Authorization and the call's own headers change from call to call. Client
  // headers may replace Accept, not Content-Type, Authorization or a call's headers.
  const noBodyHeaders: Record<string, string> = { Accept: 'application/json', ...clientHeaders };
  const jsonBodyHeaders: Record<string, string> = { ...noBodyHeaders, 'Content-Type': 'application/json' };

  // The call's promise carries where its response will be, for withResponse() and asResponse():
  // one array and one property a call, and no code in an app that does not import them.
  function send<Query, Body, Result>(
    operation: Operation<Query, Body, Result>,
    query: Query,
    body: Body,
    options?: CallOptions,
  ): Promise<Result> {
    const received: Received = [];
    if (!onUnauthorized) return tagCall(exchange(operation, query, body, options, received), received);
    // A token provider's function: a 401 it can cure (by a refresh) is sent once more, no more.
    const sent: string[] = [];
    const cured = exchange(operation, query, body, options, received, sent).catch(async (error: unknown) => {
      if ((error as AdultWorkError | undefined)?.status !== 401 || sent.length === 0 || !(await onUnauthorized(sent[0]!))) throw error;
      return exchange(operation, query, body, options, received);
    });
    return tagCall(cured, received);
  }

  async function exchange<Query, Body, Result>(
    operation: Operation<Query, Body, Result>,
    query: Query,
    body: Body,
    options: CallOptions | undefined,
    received: Received,
    sent?: string[],
  ): Promise<Result> {
    const call = checkCall(options);
    const signal = call?.signal;
    signal?.throwIfAborted();
    const timeoutMs = call?.timeoutMs ?? defaultTimeoutMs;
    const { id, method } = operation;
    let path = operation.path;
    let separator = '?';
    for (const name of operation.query) {
      const value = (query as Record<string, unknown> | undefined)?.[name];
      if (value !== undefined && value !== null) {
        path += `${separator}${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`;
        separator = '&';
      }
    }
    let auth = fixedAuthorization;
    if (auth === undefined) {
      // Called once per call, not per retry; awaited only when it returns a promise.
      let token: unknown = (accessToken as () => unknown)();
      if (typeof (token as PromiseLike<unknown> | null)?.then === 'function') token = await token;
      auth = authorization(token);
      sent?.push(auth.slice('Bearer '.length));
      signal?.throwIfAborted();
    }
    const headers = { ...(operation.body ? jsonBodyHeaders : noBodyHeaders), Authorization: auth, ...call?.headers };
    const requestBody = operation.body ? JSON.stringify(body) : undefined;
    const url = baseUrl + path;
    // What every error of this call says about the request: never its headers (the token).
    const where = { operation: id, method, path };
    const idempotent = method === 'GET';
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      let error: AdultWorkError | undefined;
      let retryable = idempotent;
      let retryAfterMs: number | undefined;
      let response: Response | undefined;
      let text: string | undefined;
      // Without a timeout, the caller's signal (if any) goes to fetch as it is: no controller to
      // create, and none for fetch to watch.
      let fetchSignal = signal;
      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      if (timeoutMs > 0) {
        const timeout = (controller = new AbortController());
        fetchSignal = timeout.signal;
        timer = setTimeout(abortController, timeoutMs, timeout);
        if (signal) signal.addEventListener('abort', (onAbort = () => timeout.abort(signal.reason)), { once: true });
      }
      try {
        // Built per attempt, with no key for what is absent: fetch does less for an init without a
        // signal, and a GET may not carry a body at all.
        const init: RequestInit = fetchSignal ? { method, headers, signal: fetchSignal } : { method, headers };
        if (requestBody !== undefined) init.body = requestBody;
        response = await (fetchOption ?? globalThis.fetch)(url, init);
        if (typeof response?.status !== 'number') throw new TypeError('fetch did not resolve to a Response');
        // The body is read under the same timer and signal: a server that stalls mid-body is a timeout too.
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (controller?.signal.aborted) {
          error = new TimeoutError(`${id}: no complete response within ${timeoutMs} ms`, { ...where, status: response?.status, headers: response && scrubHeaders(response.headers), timeoutMs });
        } else {
          const code = networkErrorCode(cause);
          error = new ConnectionError(`${id}: network error${code ? ` (${code})` : ''}`, { ...where, cause });
          retryable ||= response === undefined && failedBeforeSending(cause);
        }
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
      if (response && text !== undefined) {
        const { status } = response;
        const ok = status >= 200 && status < 300;
        if (ok) {
          try {
            const value = JSON.parse(text) as Result;
            if (logger) log(`${id} ${method} ${path} -> ok in ${Date.now() - started} ms`);
            received.push(text, response);
            return value;
          } catch {
            // Reported below; the cost of reading headers and scrubbing is paid only on failure.
          }
        }
        // Scrubbed like the body: a server might echo the token in a header or the status text.
        const responseHeaders = scrubHeaders(response.headers);
        const requestId = requestIdOf(responseHeaders);
        text = scrub(text);
        // A success that is not JSON is an error too (status 2xx, so the base class), never retried.
        const errorBody = ok ? text : parseBody(text);
        const apiMessage = messageOf(errorBody);
        const message = ok
          ? `${id}: the response (HTTP ${status}) is not valid JSON`
          : `${id} failed with HTTP ${status}` +
            (apiMessage ? `: ${apiMessage}` : response.statusText ? ` ${scrub(response.statusText)}` : '') +
            (requestId ? ` (request id ${requestId})` : '');
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        error = errorFromStatus(status, message, { ...where, status, headers: responseHeaders, requestId, body: errorBody, ...(status === 429 && { retryAfterMs }) });
        retryable &&= !ok && isRetryableStatus(status);
      }
      const failure = error as AdultWorkError;
      if (logger) log(`${id} ${method} ${path} -> ${failure.name}${failure.status ? ` ${failure.status}` : ''}`);
      if (!retryable || attempt >= retry.maxRetries) throw failure;
      const delay = retryAfterMs ?? backoffDelay(attempt, retry);
      // A Retry-After beyond what the policy allows is honoured by not retrying at all: the
      // caller gets the error, with retryAfterMs, and decides.
      if (delay > retry.maxDelayMs || Date.now() - started + delay > retry.maxElapsedMs) throw failure;
      if (logger) log(`${id} retry ${attempt + 1} of ${retry.maxRetries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  }

  return { baseUrl, send };
}

// A timer callback that closes over nothing: the controller comes in as the timer's argument.
const abortController = (controller: AbortController): void => controller.abort();

/** An error body: parsed JSON, the raw text when it is not JSON, undefined when empty. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
