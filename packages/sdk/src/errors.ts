/**
 * Every failure of an API call is an AdultWorkError, so one `instanceof` check catches them all;
 * the subclasses let callers react to the cases that need different handling.
 */

export interface AdultWorkErrorDetails {
  /** operationId of the call that failed, e.g. `listPhoneChatMadeBookings`. */
  operation: string;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Parsed JSON error body (or the raw text when it is not JSON), when a response arrived. */
  body?: unknown;
  /** Request id the server sent back (`x-request-id` or `request-id`), when it sent one. */
  requestId?: string | undefined;
  cause?: unknown;
}

/** Field-by-field messages of an invalid-input error (`ModelState` of the assumed error body). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** The `Message` of the assumed error body `{ Message, ModelState? }`, when there is one. */
export function messageOf(body: unknown): string | undefined {
  return isObject(body) && typeof body.Message === 'string' ? body.Message : undefined;
}

export class AdultWorkError extends Error {
  // Declared, not initialised: the constructor copies them from the details in one go.
  declare readonly operation: string;
  declare readonly status: number | undefined;
  declare readonly body: unknown;
  declare readonly requestId: string | undefined;

  // The extra fields are those of RateLimitError and TimeoutError, which take the same details.
  constructor(message: string, { cause, ...details }: AdultWorkErrorDetails & { retryAfterMs?: number | undefined; timeoutMs?: number }) {
    // `cause` goes through Error, which keeps it out of enumerable properties (and JSON).
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { status: undefined, body: undefined, requestId: undefined }, details);
  }

  /** The `Message` of the assumed error body, when there is one. */
  get apiMessage(): string | undefined {
    return messageOf(this.body);
  }

  /** name, message and the details; never the stack or the cause. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** 400 or 409: the request was understood but a documented prerequisite does not hold (assumed mapping). */
export class PrerequisiteFailedError extends AdultWorkError {}
/** 401: the access token is missing, expired or invalid. */
export class AuthenticationError extends AdultWorkError {}
/** 403: the token lacks the scope, or the user may not act for that group member. */
export class PermissionDeniedError extends AdultWorkError {}
/** 404: no such booking (or group member) for this user. */
export class NotFoundError extends AdultWorkError {}

/** 422: the server rejected the input; `fieldErrors` says which field and why. */
export class ValidationError extends AdultWorkError {
  get fieldErrors(): FieldErrors {
    const state = isObject(this.body) ? this.body.ModelState : undefined;
    return isObject(state) ? (state as FieldErrors) : {};
  }
}

/** 429: too many requests. `retryAfterMs` comes from the `Retry-After` header when present. */
export class RateLimitError extends AdultWorkError {
  declare readonly retryAfterMs: number | undefined;
}

/** 5xx: the server failed. */
export class ServerError extends AdultWorkError {}

/** No complete response within the timeout (per attempt). */
export class TimeoutError extends AdultWorkError {
  declare readonly timeoutMs: number;
}

/** The request could not be completed at the network level (DNS, refused connection, reset...). */
export class NetworkError extends AdultWorkError {}

// Minifiers rename classes, so the names are set by hand rather than read from the constructor.
const NAMES = 'AdultWork PrerequisiteFailed Authentication PermissionDenied NotFound Validation RateLimit Server Timeout Network'.split(' ');
[AdultWorkError, PrerequisiteFailedError, AuthenticationError, PermissionDeniedError, NotFoundError, ValidationError, RateLimitError, ServerError, TimeoutError, NetworkError].forEach(
  (type, index) => Object.defineProperty(type.prototype, 'name', { value: `${NAMES[index]}Error`, writable: true, configurable: true }),
);

// The statuses with a class of their own; other 5xx are ServerError, anything else AdultWorkError.
const BY_STATUS: Record<number, typeof AdultWorkError> = {
  400: PrerequisiteFailedError,
  409: PrerequisiteFailedError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: ValidationError,
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
