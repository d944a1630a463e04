/**
 * One function per operation of the spec, each taking the transport as its first argument.
 * Unlike the client's namespaces (classes, which bundlers keep whole), an app that imports one of
 * these gets that operation and the transport, nothing else. The method, path and parameter names
 * come from the generated constants; what is written here is the SDK's own part: argument checks
 * and the array form of the delete list.
 */
import type {
  CancelMadeBookingRequest,
  DeleteBookingResult,
  ListGroupMemberPhoneChatMadeBookingsRequest,
  ListPhoneChatMadeBookingsRequest,
  PhoneChatMadeBooking,
  PhoneChatMadeBookingsPage,
  RescheduleMadeBookingRequest,
  WebcamBooking,
} from '@adultwork-api/client-fetch';
import {
  cancelPhoneChatMadeBookingOperation,
  cancelWebcamMadeBookingOperation,
  deletePhoneChatMadeBookingsOperation,
  listGroupMemberPhoneChatMadeBookingsOperation,
  listPhoneChatMadeBookingsOperation,
  reschedulePhoneChatMadeBookingOperation,
} from './generated/operations.js';
import { iterateItems, iteratePages, type IterateOptions } from './pagination.js';
import { checkedSend } from './checkedSend.js';
import type { CallOptions, Transport } from './transport.js';
import { checkCancelRequest, checkId, checkListParams, checkRescheduleRequest, joinBookingIds } from './validation.js';

/** One page of the PhoneChat bookings the user made (`GET /v1/PhoneChat/MadeBookings`). */
export function listPhoneChatMadeBookings(
  transport: Transport,
  params: ListPhoneChatMadeBookingsRequest = {},
  options?: CallOptions,
): Promise<PhoneChatMadeBookingsPage> {
  return checkedSend(transport, () => {
    checkListParams(params);
    return transport.send(listPhoneChatMadeBookingsOperation, params, undefined, options);
  });
}

/**
 * One page of a group member's PhoneChat bookings, for the manager of the group
 * (`GET /v1/Groups/PhoneChat/MadeBookings`); `UserID` is the member.
 */
export function listGroupMemberPhoneChatMadeBookings(
  transport: Transport,
  params: ListGroupMemberPhoneChatMadeBookingsRequest,
  options?: CallOptions,
): Promise<PhoneChatMadeBookingsPage> {
  return checkedSend(transport, () => {
    checkGroupMemberParams(params, true);
    return transport.send(listGroupMemberPhoneChatMadeBookingsOperation, params, undefined, options);
  });
}

/** Cancels a PhoneChat booking, giving the reason shown to the other side; returns the booking as it now stands. */
export function cancelPhoneChatMadeBooking(
  transport: Transport,
  request: CancelMadeBookingRequest,
  options?: CallOptions,
): Promise<PhoneChatMadeBooking> {
  return checkedSend(transport, () => {
    checkCancelRequest(request);
    return transport.send(cancelPhoneChatMadeBookingOperation, undefined, request, options);
  });
}

/** Re-books a PhoneChat booking whose session time has passed; returns the new booking (with a new BookingID). */
export function reschedulePhoneChatMadeBooking(
  transport: Transport,
  request: RescheduleMadeBookingRequest,
  options?: CallOptions,
): Promise<PhoneChatMadeBooking> {
  return checkedSend(transport, () => {
    checkRescheduleRequest(request);
    return transport.send(reschedulePhoneChatMadeBookingOperation, undefined, request, options);
  });
}

/**
 * Deletes finished PhoneChat bookings, given as an array of IDs (the SDK joins them the way the
 * API wants). Each ID succeeds or fails on its own: read `Deleted` and `Message` of each result.
 */
export function deletePhoneChatMadeBookings(
  transport: Transport,
  bookingIds: readonly number[],
  options?: CallOptions,
): Promise<DeleteBookingResult[]> {
  return checkedSend(transport, () => {
    const BookingIDs = joinBookingIds(bookingIds);
    return transport.send(deletePhoneChatMadeBookingsOperation, undefined, { BookingIDs }, options);
  });
}

/**
 * Cancels a Webcam booking, giving a reason; returns the booking as it now stands. The request
 * says `BookingID`, the answer calls the same number `WebcamBookingID` (the API's naming).
 */
export function cancelWebcamMadeBooking(
  transport: Transport,
  request: CancelMadeBookingRequest,
  options?: CallOptions,
): Promise<WebcamBooking> {
  return checkedSend(transport, () => {
    checkCancelRequest(request);
    return transport.send(cancelWebcamMadeBookingOperation, undefined, request, options);
  });
}

/** The group list's parameters: the own list's, plus the member's UserID (required by the call). */
export function checkGroupMemberParams(params: unknown, userIdRequired: boolean): void {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new TypeError('The group list needs its parameters, at least { UserID }');
  }
  const { UserID, ...rest } = params as Record<string, unknown>;
  if (userIdRequired || UserID !== undefined) checkId(UserID, 'UserID');
  checkListParams(rest);
}

/**
 * Every page of the user's PhoneChat bookings from `params.PageNumber` (default 1), each
 * requested only when the loop reaches it. Arguments are checked at once.
 */
export function iteratePhoneChatMadeBookingPages(
  transport: Transport,
  params: ListPhoneChatMadeBookingsRequest = {},
  options?: IterateOptions,
): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
  checkListParams(params);
  return iteratePages(listPhoneChatMadeBookings, transport, params, options, listPhoneChatMadeBookingsOperation);
}

/** Every PhoneChat booking the user made, across every page, fetched page by page as the loop goes. */
export function iteratePhoneChatMadeBookings(
  transport: Transport,
  params?: ListPhoneChatMadeBookingsRequest,
  options?: IterateOptions,
): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
  return iterateItems(iteratePhoneChatMadeBookingPages(transport, params, options));
}

/** Every page of a group member's PhoneChat bookings (`UserID`), for the manager of the group. */
export function iterateGroupMemberPhoneChatMadeBookingPages(
  transport: Transport,
  params: ListGroupMemberPhoneChatMadeBookingsRequest,
  options?: IterateOptions,
): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
  checkGroupMemberParams(params, true);
  return iteratePages(
    listGroupMemberPhoneChatMadeBookings,
    transport,
    params,
    options,
    listGroupMemberPhoneChatMadeBookingsOperation,
  );
}

/** Every booking of a group member (`UserID`), across every page, fetched page by page. */
export function iterateGroupMemberPhoneChatMadeBookings(
  transport: Transport,
  params: ListGroupMemberPhoneChatMadeBookingsRequest,
  options?: IterateOptions,
): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
  return iterateItems(iterateGroupMemberPhoneChatMadeBookingPages(transport, params, options));
}

// The rest of what an app using these functions needs, so that one import path is enough.
export { createTransport, type CallOptions, type Transport } from './transport.js';
export { asResponse, withResponse, type ApiPromise, type WithResponse } from './apiPromise.js';
export type { IterateOptions } from './pagination.js';
export type { AccessToken, ClientOptions, EnvironmentName, FetchLike } from './config.js';
export type { RetryPolicy } from './retry.js';
export type { Operation } from './operation.js';
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
// The wire types the functions take and give (types only: nothing is added to a bundle).
export type {
  BookingStatus,
  CancelMadeBookingRequest,
  DeleteBookingResult,
  ListGroupMemberPhoneChatMadeBookingsRequest,
  ListPhoneChatMadeBookingsRequest,
  PhoneChatMadeBooking,
  PhoneChatMadeBookingsOrderBy,
  PhoneChatMadeBookingsPage,
  RescheduleMadeBookingRequest,
  WebcamBooking,
} from '@adultwork-api/client-fetch';
