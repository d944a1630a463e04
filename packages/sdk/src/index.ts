export { AdultWorkClient, type GroupMemberView } from './client.js';
export {
  ENVIRONMENTS,
  type AccessToken,
  type ClientOptions,
  type EnvironmentName,
  type FetchLike,
} from './config.js';
export { createTransport, type CallOptions, type Transport } from './transport.js';
export type { Operation } from './operation.js';
export type { RetryPolicy } from './retry.js';
export { DEFAULT_RETRY } from './retry.js';
export type { IterateOptions } from './pagination.js';
export type { ListMadeBookingsParams } from './madeBookingsList.js';
export { MadeBookingsList } from './madeBookingsList.js';
export { PhoneChatBookings, GroupMemberPhoneChatBookings } from './phoneChat.js';
export { WebcamBookings } from './webcam.js';
export {
  AdultWorkError,
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  PrerequisiteFailedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type AdultWorkErrorDetails,
  type FieldErrors,
} from './errors.js';
export { SDK_VERSION } from './version.js';
// The operation functions, also importable alone from '@adultwork-api/sdk/operations'.
export {
  cancelPhoneChatMadeBooking,
  cancelWebcamMadeBooking,
  deletePhoneChatMadeBookings,
  iterateGroupMemberPhoneChatMadeBookingPages,
  iterateGroupMemberPhoneChatMadeBookings,
  iteratePhoneChatMadeBookingPages,
  iteratePhoneChatMadeBookings,
  listGroupMemberPhoneChatMadeBookings,
  listPhoneChatMadeBookings,
  reschedulePhoneChatMadeBooking,
} from './operations.js';
export * from './generated/operations.js';

// The generated models and APIs, for users who want the wire types or the low-level client.
export {
  BookingStatus,
  PhoneChatCallMethod,
  PhoneChatMadeBookingsOrderBy,
  WebcamSoftwareType,
  PhoneChatApi,
  WebcamApi,
  Configuration,
} from '@adultwork-api/client-fetch';
export type {
  CancelMadeBookingRequest,
  DeleteBookingResult,
  DeleteMadeBookingsRequest,
  ModelError,
  PhoneChatBookingUser,
  PhoneChatMadeBooking,
  PhoneChatMadeBookingsPage,
  RescheduleMadeBookingRequest,
  UserFeedbackSummary,
  WebcamBooking,
  WebcamBookingPerformer,
  CancelPhoneChatMadeBookingRequest,
  CancelWebcamMadeBookingRequest,
  DeletePhoneChatMadeBookingsRequest,
  ListGroupMemberPhoneChatMadeBookingsRequest,
  ListPhoneChatMadeBookingsRequest,
  ReschedulePhoneChatMadeBookingRequest,
  ConfigurationParameters,
} from '@adultwork-api/client-fetch';
