import { isPlainObject as isObject } from './config.js';

/**
 * Every failure of an API call is an AdultWorkError, so one `instanceof` check catches them all;
 * one subclass per meaning lets callers react to the cases that need different handling.
 */

export interface AdultWorkErrorDetails {
  /** operationId of the call that failed, e.g. `listPhoneChatMadeBookings`. */
  operation: string;
  /** HTTP method of the request, e.g. `GET`. */
  method: string;
  /** Path and query of the request, relative to the base URL, e.g. `/v1/PhoneChat/MadeBookings?PageNumber=2`. */
  path: string;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Response headers, when a response arrived. */
  headers?: Headers | undefined;
  /** Parsed JSON error body (or the raw text when it is not JSON), when a response arrived. */
  body?: unknown;
  /** Request id the server sent back (`x-request-id` or `request-id`), when it sent one. */
  requestId?: string | undefined;
  cause?: unknown;
}

/** Field-by-field messages of an invalid-input error (`ModelState` of the assumed error body). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;


/** The `Message` of the assumed error body `{ Message, ModelState? }`, when there is one. */
export function messageOf(body: unknown): string | undefined {
  return isObject(body) && typeof body.Message === 'string' ? body.Message : undefined;
}

export class AdultWorkError extends Error {
  // Set by hand in each class: minifiers rename classes, so constructor names cannot be trusted.
  override name = 'AdultWorkError';
  // Declared, not initialised: the constructor copies them from the details in one go.
  declare readonly operation: string;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly status: number | undefined;
  declare readonly headers: Headers | undefined;
  declare readonly body: unknown;
  declare readonly requestId: string | undefined;

  // The extra fields are those of RateLimitError and TimeoutError, which take the same details.
  constructor(message: string, { cause, ...details }: AdultWorkErrorDetails & { retryAfterMs?: number | undefined; timeoutMs?: number }) {
    // `cause` goes through Error, which keeps it out of enumerable properties (and JSON).
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, details);
  }

  /** The `Message` of the assumed error body, when there is one. */
  get apiMessage(): string | undefined {
    return messageOf(this.body);
  }

  /** name, message and the details (headers as a plain object); never the stack or the cause. */
  toJSON(): Record<string, unknown> {
    // `name` is an own field, so the spread brings it.
    return { message: this.message, ...(this as object), headers: this.headers && Object.fromEntries(this.headers) };
  }
}

/**
 * 400 or 422: the request is wrong (bad syntax, a missing field, a value out of range);
 * `fieldErrors` says which field and why when the server said so. Also exported as `ValidationError`.
 */
export class BadRequestError extends AdultWorkError {
  override name = 'BadRequestError';
  get fieldErrors(): FieldErrors {
    const state = isObject(this.body) ? this.body.ModelState : undefined;
    return isObject(state) ? (state as FieldErrors) : {};
  }
}
/** 401: the access token is missing, expired or invalid. */
export class AuthenticationError extends AdultWorkError {
  override name = 'AuthenticationError';
}
/** 403: the token lacks the scope, or the user may not act for that group member. */
export class PermissionDeniedError extends AdultWorkError {
  override name = 'PermissionDeniedError';
}
/** 404: no such booking (or group member) for this user. */
export class NotFoundError extends AdultWorkError {
  override name = 'NotFoundError';
}
/**
 * 409 or 412: the booking is not in a state that allows the operation (a documented prerequisite
 * does not hold). Also exported as `PrerequisiteFailedError`.
 */
export class ConflictError extends AdultWorkError {
  override name = 'ConflictError';
}

/** 429: too many requests. `retryAfterMs` comes from the `Retry-After` header when present. */
export class RateLimitError extends AdultWorkError {
  override name = 'RateLimitError';
  declare readonly retryAfterMs: number | undefined;
}

/** 5xx: the server failed. */
export class ServerError extends AdultWorkError {
  override name = 'ServerError';
}

/** The request could not be completed at the network level (DNS, refused connection, reset...). Also exported as `NetworkError`. */
export class ConnectionError extends AdultWorkError {
  override name = 'ConnectionError';
}

/** No complete response within the timeout (per attempt). */
export class TimeoutError extends AdultWorkError {
  override name = 'TimeoutError';
  declare readonly timeoutMs: number;
}

// The statuses with a class of their own; other 5xx are ServerError, anything else AdultWorkError.
const BY_STATUS: Record<number, typeof AdultWorkError> = {
  400: BadRequestError,
  422: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: ConflictError,
  429: RateLimitError,
};

/** Picks the error class for an HTTP status. */
export function errorFromStatus(
  status: number,
  message: string,
  details: AdultWorkErrorDetails & { retryAfterMs?: number | undefined },
): AdultWorkError {
  const Type = BY_STATUS[status] ?? (status >= 500 ? ServerError : AdultWorkError);
  return new Type(message, details);
}
