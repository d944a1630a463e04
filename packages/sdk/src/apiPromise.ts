import { fail } from './config.js';

/** What `withResponse()` resolves to: the parsed answer together with the response it came in. */
export interface WithResponse<T> {
  /** The parsed answer, the same value the call itself resolves to. */
  data: T;
  /**
   * The response as fetch gave it: status, headers (rate limits, caching...), url. Its body has
   * been read by the SDK; use `data`, or `asResponse()` for a readable copy.
   */
  response: Response;
  /** Request id the server sent back (`x-request-id` or `request-id`), when it sent one. */
  requestId: string | undefined;
}

/**
 * The promise the client's methods return. It resolves to the parsed answer like any promise; the
 * two methods read the same call (no second request) with its response:
 *
 * ```ts
 * const { data, response } = await aw.phoneChat.listMadeBookings().withResponse();
 * response.headers.get('x-ratelimit-remaining');
 * ```
 */
export interface ApiPromise<T> extends Promise<T> {
  /** The parsed answer with the response and its request id. Rejects as the call does. */
  withResponse(): Promise<WithResponse<T>>;
  /**
   * A response with the status, status text, headers and body of the one received, whose body
   * can be read again (the SDK read the original's). Rejects as the call does.
   */
  asResponse(): Promise<Response>;
}

/** The body text and the response of a call that succeeded, filled in by the transport. */
export type Received = [text?: string, response?: Response];

// Shared by the ES module and CommonJS copies of the SDK, should an app load both.
const RECEIVED = Symbol.for('adultwork-api.received');

/** Tags a call's promise with what its response will be stored in; costs one property. */
export function tagCall<T>(promise: Promise<T>, received: Received): Promise<T> {
  (promise as Promise<T> & { [RECEIVED]?: Received })[RECEIVED] = received;
  return promise;
}

/** The request id a server sent back, under either of the usual names. */
export const requestIdOf = (headers: Headers): string | undefined => headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;

// Asked only once the call succeeded: a call that fails rejects the helpers with its own error.
function receivedBy(call: Promise<unknown>): [string, Response] {
  const received = (call as { [RECEIVED]?: Received })[RECEIVED];
  if (!received?.[1]) fail('withResponse() and asResponse() take the promise an SDK call returned');
  return received as [string, Response];
}

/**
 * The parsed answer of a call with its response and request id, from the promise an operation
 * function (or the client) returned; no second request. Rejects as the call does.
 *
 * ```ts
 * const { data, response } = await withResponse(listPhoneChatMadeBookings(transport));
 * ```
 */
export function withResponse<T>(call: Promise<T>): Promise<WithResponse<T>> {
  return call.then((data) => {
    const response = receivedBy(call)[1];
    return { data, response, requestId: requestIdOf(response.headers) };
  });
}

/**
 * A copy of a call's response (status, status text, headers and body text) whose body can be
 * read again: the SDK has read the original's. Rejects as the call does.
 */
export function asResponse(call: Promise<unknown>): Promise<Response> {
  return call.then(() => new Response(...receivedBy(call)));
}

/** The client's promises: a call's promise with `withResponse()` and `asResponse()` as methods. */
export function apiPromise<T>(call: Promise<T>): ApiPromise<T> {
  const api = call as ApiPromise<T>;
  api.withResponse = () => withResponse(call);
  api.asResponse = () => asResponse(call);
  return api;
}
