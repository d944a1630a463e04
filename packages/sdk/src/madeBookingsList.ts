import type {
  ListPhoneChatMadeBookingsRequest,
  PhoneChatMadeBooking,
  PhoneChatMadeBookingsPage,
} from '@adultwork-api/client-fetch';
import { checkHeaders } from './config.js';
import { iterateItems, iteratePages } from './pagination.js';
import type { CallOptions, Transport } from './transport.js';
import { checkListParams } from './validation.js';

/** Filters, sort order and paging of a made-bookings list, with the API's own field names. */
export type ListMadeBookingsParams = ListPhoneChatMadeBookingsRequest;

/** Options of the iterators: those of any call, plus headers that may differ from page to page. */
export interface IterateOptions extends CallOptions {
  /**
   * Headers for the request of one page, merged over `headers`. Mostly for the mock, which
   * picks its answer from a header: `(n) => ({ Prefer: `example=page${n}of3` })`.
   */
  pageHeaders?: (pageNumber: number) => Record<string, string>;
}

type SendList = (params: ListMadeBookingsParams, call: ReturnType<Transport['checkCall']>) => Promise<PhoneChatMadeBookingsPage>;

/**
 * Listing, shared by the user's own list and the group-manager twin: they take the same
 * parameters and answer the same way, only the route differs.
 */
export class MadeBookingsList {
  readonly #transport: Transport;
  readonly #send: SendList;
  readonly #operation: string;

  constructor(transport: Transport, operation: string, send: SendList) {
    this.#transport = transport;
    this.#operation = operation;
    this.#send = send;
  }

  /** One page of bookings. */
  async listMadeBookings(params: ListMadeBookingsParams = {}, options?: CallOptions): Promise<PhoneChatMadeBookingsPage> {
    checkListParams(params);
    return this.#send(params, this.#transport.checkCall(options));
  }

  /**
   * Every page from `params.PageNumber` (default 1) to the last, fetched lazily: the next page is
   * requested only when the loop asks for it, so breaking out early costs nothing more.
   */
  iterateMadeBookingPages(params: ListMadeBookingsParams = {}, options?: IterateOptions): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
    checkListParams(params);
    const { pageHeaders, ...rest } = options ?? {};
    if (pageHeaders !== undefined && typeof pageHeaders !== 'function') {
      throw new TypeError('pageHeaders must be a function from a page number to headers');
    }
    const call = this.#transport.checkCall(options === undefined ? undefined : rest);
    const fetchPage = (PageNumber: number) => {
      const headers = pageHeaders ? { ...call.headers, ...checkHeaders(pageHeaders(PageNumber), 'pageHeaders()') } : call.headers;
      return this.#send({ ...params, PageNumber }, { ...call, headers });
    };
    return iteratePages(fetchPage, params.PageNumber ?? 1, this.#operation);
  }

  /** Every booking across every page, fetched page by page as the loop goes. */
  iterateMadeBookings(params: ListMadeBookingsParams = {}, options?: IterateOptions): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
    return iterateItems(this.iterateMadeBookingPages(params, options));
  }
}
