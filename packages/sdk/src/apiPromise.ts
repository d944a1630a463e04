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
 * The promise every SDK call returns. It resolves to the parsed answer like any promise; the two
 * methods read the same call (no second request) with its response:
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

/** The request id a server sent back, under either of the usual names. */
export const requestIdOf = (headers: Headers): string | undefined => headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;

/**
 * Gives a call's promise its two methods. `received` is filled with the body text and the
 * response once the call succeeded (and stays empty when it was refused before sending). Both
 * methods chain on the call's own promise, so they add no work to a call that does not use them,
 * and using one of them handles the call's rejection.
 */
export function apiPromise<T>(promise: Promise<T>, received: Received = []): ApiPromise<T> {
  const api = promise as ApiPromise<T>;
  api.withResponse = () =>
    promise.then((data) => {
      const response = received[1] as Response;
      return { data, response, requestId: requestIdOf(response.headers) };
    });
  api.asResponse = () => promise.then(() => new Response(...(received as [string, Response])));
  return api;
}

/** The body text and the response of a call that succeeded. */
export type Received = [text?: string, response?: Response];
