/**
 * One function per operation of the spec, each taking the transport as its first argument, and
 * two iterators per list (generated from the spec into generated/functions.ts). Unlike the
 * client, which binds every operation, an app that imports one of these gets that operation and
 * the transport, nothing else.
 */
export * from './generated/functions.js';

// The rest of what an app using these functions needs, so that one import path is enough.
export { createTransport, type CallOptions, type Transport } from './transport.js';
export { asResponse, withResponse, type ApiPromise, type WithResponse } from './apiPromise.js';
export type { IterateOptions } from './pagination.js';
export type { AccessToken, ClientOptions, EnvironmentName, FetchLike } from './config.js';
export type { RetryPolicy } from './retry.js';
export type { FieldRule, Operation, Paging } from './operation.js';
export * from './generated/operations.js';
export {
  AdultWorkError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  // The names of earlier versions, kept: the same classes.
  BadRequestError as ValidationError,
  ConflictError as PrerequisiteFailedError,
  ConnectionError as NetworkError,
  type AdultWorkErrorDetails,
  type FieldErrors,
} from './errors.js';
// The wire types the functions give (types only: nothing is added to a bundle).
export type * from '@adultwork-api/client-fetch';
