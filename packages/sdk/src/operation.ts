/**
 * What the transport needs to know to send one operation of the spec. The constants of
 * `generated/operations.ts` are written from the spec by scripts/generate-sdk-operations.mjs,
 * never by hand.
 *
 * The type parameters only carry types: `Query` (the query parameters), `Body` (the JSON body) and
 * `Result` (the success answer), all from the generated client's models.
 */
export interface Operation<Query = unknown, Body = unknown, Result = unknown> {
  /** The spec's operationId; errors and log lines name the operation with it. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'TRACE';
  readonly path: string;
  /** Query parameter names, in the spec's order (the order they go on the URL). */
  readonly query: readonly string[];
  /** Whether a JSON body goes with the request. */
  readonly body: boolean;
  /** Never set: keeps the type parameters attached to the constant. */
  readonly types?: { query: Query; body: Body; result: Result };
}
