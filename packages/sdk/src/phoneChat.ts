import type {
  CancelMadeBookingRequest,
  DeleteBookingResult,
  PhoneChatMadeBooking,
  RescheduleMadeBookingRequest,
} from '@adultwork-api/client-fetch';
import type { Context } from './context.js';
import { MadeBookingsList } from './madeBookingsList.js';
import type { CallOptions } from './transport.js';
import { checkCancelRequest, checkRescheduleRequest, joinBookingIds } from './validation.js';

/** PhoneChat bookings the authenticated user made: list, iterate, cancel, reschedule, delete. */
export class PhoneChatBookings extends MadeBookingsList {
  readonly #ctx: Context;

  constructor(ctx: Context) {
    super(ctx.transport, 'listPhoneChatMadeBookings', async (params, call) =>
      ctx.transport.send('listPhoneChatMadeBookings', await ctx.phoneChatApi.listPhoneChatMadeBookingsRequestOpts(params), call),
    );
    this.#ctx = ctx;
  }

  /** Cancels a booking, giving the reason shown to the other side; returns the booking as it now stands. */
  async cancelMadeBooking(request: CancelMadeBookingRequest, options?: CallOptions): Promise<PhoneChatMadeBooking> {
    checkCancelRequest(request);
    const { transport, phoneChatApi } = this.#ctx;
    const call = transport.checkCall(options);
    const opts = await phoneChatApi.cancelPhoneChatMadeBookingRequestOpts({ CancelMadeBookingRequest: request });
    return transport.send('cancelPhoneChatMadeBooking', opts, call);
  }

  /** Re-books a booking whose session time has passed; returns the new booking (it has a new BookingID). */
  async rescheduleMadeBooking(request: RescheduleMadeBookingRequest, options?: CallOptions): Promise<PhoneChatMadeBooking> {
    checkRescheduleRequest(request);
    const { transport, phoneChatApi } = this.#ctx;
    const call = transport.checkCall(options);
    const opts = await phoneChatApi.reschedulePhoneChatMadeBookingRequestOpts({ RescheduleMadeBookingRequest: request });
    return transport.send('reschedulePhoneChatMadeBooking', opts, call);
  }

  /**
   * Deletes finished bookings. Each ID succeeds or fails on its own: read `Deleted` and `Message`
   * of each result; a refused booking does not make the call fail.
   */
  async deleteMadeBookings(bookingIds: readonly number[], options?: CallOptions): Promise<DeleteBookingResult[]> {
    const BookingIDs = joinBookingIds(bookingIds);
    const { transport, phoneChatApi } = this.#ctx;
    const call = transport.checkCall(options);
    const opts = await phoneChatApi.deletePhoneChatMadeBookingsRequestOpts({ DeleteMadeBookingsRequest: { BookingIDs } });
    return transport.send('deletePhoneChatMadeBookings', opts, call);
  }
}

/** The group manager's view of one member's PhoneChat bookings (the `/v1/Groups/...` routes). */
export class GroupMemberPhoneChatBookings extends MadeBookingsList {
  constructor(ctx: Context, userId: number) {
    super(ctx.transport, 'listGroupMemberPhoneChatMadeBookings', async (params, call) =>
      ctx.transport.send(
        'listGroupMemberPhoneChatMadeBookings',
        await ctx.phoneChatApi.listGroupMemberPhoneChatMadeBookingsRequestOpts({ ...params, UserID: userId }),
        call,
      ),
    );
  }
}
