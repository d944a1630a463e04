export { AdultWorkClient, type GroupMemberView } from './client.js';
export { ENVIRONMENTS } from './config.js';
export { DEFAULT_RETRY } from './retry.js';
export type { ListMadeBookingsParams } from './madeBookingsList.js';
export { MadeBookingsList } from './madeBookingsList.js';
export { PhoneChatBookings, GroupMemberPhoneChatBookings } from './phoneChat.js';
export { WebcamBookings } from './webcam.js';
export { SDK_VERSION } from './version.js';
// The operation functions with the transport, errors and option types they use; also
// importable alone from '@adultwork-api/sdk/operations'.
export * from './operations.js';

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
