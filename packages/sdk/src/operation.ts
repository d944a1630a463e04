/**
 * What the SDK knows of one operation of the spec. The constants of `generated/operations.ts` are
 * written from the spec by scripts/generate-sdk-operations.mjs, never by hand; everything here is
 * read generically by the transport, the argument checks and the pagination.
 *
 * The type parameters only carry types: `Query` (the query parameters), `Body` (the JSON body) and
 * `Result` (the success answer).
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
  /** The checks of the input (query parameters, or the members of the body), in the spec's order. */
  readonly fields: readonly FieldRule[];
  /** How to page the answer, from `x-adultwork-pagination`; only on lists. */
  readonly paging?: Paging;
  /** On a group-manager twin: the input member naming the group member (`UserID`). */
  readonly member?: string;
  /** Never set: keeps the type parameters attached to the constant. */
  readonly types?: { query: Query; body: Body; result: Result };
}

/** What the SDK checks of one input before sending: the parts of its schema it can check alone. */
export interface FieldRule {
  readonly name: string;
  /** The schema's type; `ids` is a comma-separated list of positive IDs, also taken as an array. */
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'object' | 'array' | 'ids';
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number | boolean)[];
}

/** The names `x-adultwork-pagination` gives, and where the list starts. */
export interface Paging {
  /** The query parameter of the page number. */
  readonly page: string;
  /** The answer's members: the items, the page count and the page number. */
  readonly items: string;
  readonly count: string;
  readonly number: string;
  /** The list starts at its last page (the credit history): it is walked backward. */
  readonly last?: boolean;
}
