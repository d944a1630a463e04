import type { CancelMadeBookingRequest, WebcamBooking } from '@adultwork-api/client-fetch';
import { cancelWebcamMadeBooking } from './operations.js';
import { apiPromise, type ApiPromise } from './apiPromise.js';
import type { CallOptions, Transport } from './transport.js';

/** Webcam bookings the authenticated user made. */
export class WebcamBookings {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Cancels a booking, giving a reason; returns the booking as it now stands. The request says
   * `BookingID`, the answer calls the same number `WebcamBookingID` (the API's naming).
   */
  cancelMadeBooking(request: CancelMadeBookingRequest, options?: CallOptions): ApiPromise<WebcamBooking> {
    return apiPromise(cancelWebcamMadeBooking(this.#transport, request, options));
  }
}
