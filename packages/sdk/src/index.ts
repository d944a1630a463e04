export { AdultWorkClient, type GroupMemberView } from './client.js';
export { ENVIRONMENTS } from './config.js';
export { DEFAULT_RETRY } from './retry.js';
export { SDK_VERSION } from './version.js';
// The namespace types, generated from the spec's tags.
export type * from './generated/namespaces.js';
export type {
  PhoneChatOperations as PhoneChatBookings,
  WebcamOperations as WebcamBookings,
  GroupMemberPhoneChatOperations as GroupMemberPhoneChatBookings,
} from './generated/namespaces.js';
// The operation functions with the transport, errors and option types they use; also
// importable alone from '@adultwork-api/sdk/operations'.
export * from './operations.js';
// The spec's enums as values (their types, and every model type, come with './operations.js').
export * from './generated/models.js';
