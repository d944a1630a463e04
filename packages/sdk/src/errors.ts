/**
 * Every failure of an API call is an AdultWorkError, so one `instanceof` check catches them all;
 * the subclasses let callers react to the cases that need different handling.
 */

export interface AdultWorkErrorDetails {
  /** operationId of the call that failed, e.g. `listPhoneChatMadeBookings`. */
  operation: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Parsed JSON error body (or the raw text when it is not JSON), when a response arrived. */
  body?: unknown;
  /** Request id the server sent back (`x-request-id` or `request-id`), when it sent one. */
  requestId?: string;
  cause?: unknown;
}

/** Field-by-field messages of an invalid-input error (`ModelState` of the assumed error body). */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export class AdultWorkError extends Error {
  readonly operation: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly requestId: string | undefined;

  constructor(message: string, details: AdultWorkErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.operation = details.operation;
    this.status = details.status;
    this.body = details.body;
    this.requestId = details.requestId;
  }

  /** The `Message` of the assumed error body, when there is one. */
  get apiMessage(): string | undefined {
    const body = this.body;
    if (body !== null && typeof body === 'object' && 'Message' in body && typeof body.Message === 'string') {
      return body.Message;
    }
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      status: this.status,
      requestId: this.requestId,
      body: this.body,
    };
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
    const body = this.body;
    if (body !== null && typeof body === 'object' && 'ModelState' in body) {
      const state = body.ModelState;
      if (state !== null && typeof state === 'object') return state as FieldErrors;
    }
    return {};
  }
}

/** 429: too many requests. `retryAfterMs` comes from the `Retry-After` header when present. */
export class RateLimitError extends AdultWorkError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: AdultWorkErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx: the server failed. */
export class ServerError extends AdultWorkError {}

/** No complete response within the timeout (per attempt). */
export class TimeoutError extends AdultWorkError {
  readonly timeoutMs: number;
  constructor(message: string, details: AdultWorkErrorDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/** The request could not be completed at the network level (DNS, refused connection, reset...). */
export class NetworkError extends AdultWorkError {}

// Minifiers rename classes, so the names are set by hand rather than read from the constructor.
for (const [type, name] of [
  [AdultWorkError, 'AdultWorkError'],
  [PrerequisiteFailedError, 'PrerequisiteFailedError'],
  [AuthenticationError, 'AuthenticationError'],
  [PermissionDeniedError, 'PermissionDeniedError'],
  [NotFoundError, 'NotFoundError'],
  [ValidationError, 'ValidationError'],
  [RateLimitError, 'RateLimitError'],
  [ServerError, 'ServerError'],
  [TimeoutError, 'TimeoutError'],
  [NetworkError, 'NetworkError'],
] as const) {
  Object.defineProperty(type.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** Picks the error class for an HTTP status. */
export function errorFromStatus(
  status: number,
  message: string,
  details: AdultWorkErrorDetails & { retryAfterMs?: number },
): AdultWorkError {
  switch (status) {
    case 400:
    case 409:
      return new PrerequisiteFailedError(message, details);
    case 401:
      return new AuthenticationError(message, details);
    case 403:
      return new PermissionDeniedError(message, details);
    case 404:
      return new NotFoundError(message, details);
    case 422:
      return new ValidationError(message, details);
    case 429:
      return new RateLimitError(message, details);
    default:
      return status >= 500 ? new ServerError(message, details) : new AdultWorkError(message, details);
  }
}
