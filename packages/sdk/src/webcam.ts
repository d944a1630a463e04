import type { CancelMadeBookingRequest, WebcamBooking } from '@adultwork-api/client-fetch';
import type { Context } from './context.js';
import type { CallOptions } from './transport.js';
import { checkCancelRequest } from './validation.js';

/** Webcam bookings the authenticated user made. */
export class WebcamBookings {
  readonly #ctx: Context;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  /**
   * Cancels a booking, giving a reason; returns the booking as it now stands. The request says
   * `BookingID`, the answer calls the same number `WebcamBookingID` (the API's naming).
   */
  async cancelMadeBooking(request: CancelMadeBookingRequest, options?: CallOptions): Promise<WebcamBooking> {
    checkCancelRequest(request);
    const { transport, webcamApi } = this.#ctx;
    const call = transport.checkCall(options);
    const opts = await webcamApi.cancelWebcamMadeBookingRequestOpts({ CancelMadeBookingRequest: request });
    return transport.send('cancelWebcamMadeBooking', opts, call);
  }
}
