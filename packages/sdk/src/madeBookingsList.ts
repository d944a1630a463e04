import type {
  ListPhoneChatMadeBookingsRequest,
  PhoneChatMadeBooking,
  PhoneChatMadeBookingsPage,
} from '@adultwork-api/client-fetch';
import { iterateItems, type IterateOptions } from './pagination.js';
import { apiPromise, type ApiPromise } from './apiPromise.js';
import type { CallOptions } from './transport.js';

/** Filters, sort order and paging of a made-bookings list, with the API's own field names. */
export type ListMadeBookingsParams = ListPhoneChatMadeBookingsRequest;

type List = (params: ListMadeBookingsParams, options?: CallOptions) => Promise<PhoneChatMadeBookingsPage>;
type Pages = (params: ListMadeBookingsParams, options?: IterateOptions) => AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined>;

/**
 * Listing, shared by the user's own list and the group-manager twin: they take the same
 * parameters and answer the same way, only the operation differs. A thin layer over the
 * operation functions, which do the checking and sending.
 */
export class MadeBookingsList {
  readonly #list: List;
  readonly #pages: Pages;

  constructor(list: List, pages: Pages) {
    this.#list = list;
    this.#pages = pages;
  }

  /** One page of bookings. */
  listMadeBookings(params: ListMadeBookingsParams = {}, options?: CallOptions): ApiPromise<PhoneChatMadeBookingsPage> {
    return apiPromise(this.#list(params, options));
  }

  /**
   * Every page from `params.PageNumber` (default 1) to the last, fetched lazily: the next page is
   * requested only when the loop asks for it, so breaking out early costs nothing more.
   */
  iterateMadeBookingPages(params: ListMadeBookingsParams = {}, options?: IterateOptions): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
    return this.#pages(params, options);
  }

  /** Every booking across every page, fetched page by page as the loop goes. */
  iterateMadeBookings(params: ListMadeBookingsParams = {}, options?: IterateOptions): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
    return iterateItems(this.iterateMadeBookingPages(params, options));
  }
}
