import type {
  CancelMadeBookingRequest,
  DeleteBookingResult,
  PhoneChatMadeBooking,
  RescheduleMadeBookingRequest,
} from '@adultwork-api/client-fetch';
import { MadeBookingsList } from './madeBookingsList.js';
import {
  cancelPhoneChatMadeBooking,
  deletePhoneChatMadeBookings,
  iterateGroupMemberPhoneChatMadeBookingPages,
  iteratePhoneChatMadeBookingPages,
  listGroupMemberPhoneChatMadeBookings,
  listPhoneChatMadeBookings,
  reschedulePhoneChatMadeBooking,
} from './operations.js';
import { apiPromise, type ApiPromise } from './apiPromise.js';
import type { CallOptions, Transport } from './transport.js';
import { checkListParams } from './validation.js';
import { checkedSend } from './checkedSend.js';

/** PhoneChat bookings the authenticated user made: list, iterate, cancel, reschedule, delete. */
export class PhoneChatBookings extends MadeBookingsList {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    super(
      (params, options) => listPhoneChatMadeBookings(transport, params, options),
      (params, options) => iteratePhoneChatMadeBookingPages(transport, params, options),
    );
    this.#transport = transport;
  }

  /** Cancels a booking, giving the reason shown to the other side; returns the booking as it now stands. */
  cancelMadeBooking(request: CancelMadeBookingRequest, options?: CallOptions): ApiPromise<PhoneChatMadeBooking> {
    return apiPromise(cancelPhoneChatMadeBooking(this.#transport, request, options));
  }

  /** Re-books a booking whose session time has passed; returns the new booking (it has a new BookingID). */
  rescheduleMadeBooking(request: RescheduleMadeBookingRequest, options?: CallOptions): ApiPromise<PhoneChatMadeBooking> {
    return apiPromise(reschedulePhoneChatMadeBooking(this.#transport, request, options));
  }

  /**
   * Deletes finished bookings. Each ID succeeds or fails on its own: read `Deleted` and `Message`
   * of each result; a refused booking does not make the call fail.
   */
  deleteMadeBookings(bookingIds: readonly number[], options?: CallOptions): ApiPromise<DeleteBookingResult[]> {
    return apiPromise(deletePhoneChatMadeBookings(this.#transport, bookingIds, options));
  }
}

/** The group manager's view of one member's PhoneChat bookings (the `/v1/Groups/...` routes). */
export class GroupMemberPhoneChatBookings extends MadeBookingsList {
  constructor(transport: Transport, userId: number) {
    // The member comes from the view, so the parameters themselves may not name one.
    super(
      (params, options) =>
        checkedSend(transport, () => {
          checkListParams(params);
          return listGroupMemberPhoneChatMadeBookings(transport, { ...params, UserID: userId }, options);
        }),
      (params, options) => {
        checkListParams(params);
        return iterateGroupMemberPhoneChatMadeBookingPages(transport, { ...params, UserID: userId }, options);
      },
    );
  }
}
