import type { PhoneChatMadeBooking, PhoneChatMadeBookingsPage } from '@adultwork-api/client-fetch';
import { checkHeaders } from './config.js';
import { AdultWorkError } from './errors.js';
import type { Operation } from './operation.js';
import { checkCall, type CallOptions, type Transport } from './transport.js';

/** Options of the iterators: those of any call, plus headers that may differ from page to page. */
export interface IterateOptions extends CallOptions {
  /**
   * Headers for the request of one page, merged over `headers`. Mostly for the mock, which
   * picks its answer from a header: `(n) => ({ Prefer: `example=page${n}of3` })`.
   */
  pageHeaders?: ((pageNumber: number) => Record<string, string>) | undefined;
}

type List<Params> = (transport: Transport, params: Params, options?: CallOptions) => Promise<PhoneChatMadeBookingsPage>;

/** What an error about a page says of the request (its query is not known here). */
const pageError = (message: string, { id, method, path }: Operation, body: unknown): AdultWorkError =>
  new AdultWorkError(`${id}: ${message}`, { operation: id, method, path, body });

function checkPage(page: unknown, operation: Operation): asserts page is PhoneChatMadeBookingsPage {
  const shaped =
    page !== null &&
    typeof page === 'object' &&
    typeof (page as PhoneChatMadeBookingsPage).PageNumber === 'number' &&
    typeof (page as PhoneChatMadeBookingsPage).PageCount === 'number' &&
    Array.isArray((page as PhoneChatMadeBookingsPage).Bookings);
  if (!shaped) {
    throw pageError('the response is not a page (PageNumber, PageCount, Bookings)', operation, page);
  }
}

/**
 * Every page of a list from `params.PageNumber` (default 1) to the last. The options are checked
 * now; each page is requested only when the loop asks for it, so breaking out early costs nothing.
 */
export function iteratePages<Params extends { PageNumber?: number }>(
  list: List<Params>,
  transport: Transport,
  params: Params,
  options: IterateOptions | undefined,
  operation: Operation,
): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
  const { pageHeaders, ...rest } = options ?? {};
  if (pageHeaders !== undefined && typeof pageHeaders !== 'function') {
    throw new TypeError('pageHeaders must be a function from a page number to headers');
  }
  const call = checkCall(options === undefined ? undefined : rest);
  const fetchPage = (PageNumber: number) =>
    list(
      transport,
      { ...params, PageNumber },
      pageHeaders ? { ...call, headers: { ...call?.headers, ...checkHeaders(pageHeaders(PageNumber), 'pageHeaders()') } } : call,
    );
  return pages(fetchPage, params.PageNumber ?? 1, operation);
}

/**
 * Yields page after page, fetching each only when the consumer asks for it. It follows the
 * spec's paging fields: stop after PageCount, or on an empty page.
 */
async function* pages(
  fetchPage: (pageNumber: number) => Promise<PhoneChatMadeBookingsPage>,
  firstPage: number,
  operation: Operation,
): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
  let pageNumber = firstPage;
  for (;;) {
    const page: unknown = await fetchPage(pageNumber);
    checkPage(page, operation);
    // A server that ignores PageNumber would otherwise make this loop forever.
    if (page.PageNumber !== pageNumber) {
      throw pageError(`asked for page ${pageNumber} but got page ${page.PageNumber}`, operation, page);
    }
    yield page;
    if (page.Bookings.length === 0 || page.PageNumber >= page.PageCount) return;
    pageNumber += 1;
  }
}

/** The bookings of every page, one at a time. */
export async function* iterateItems(
  pageIterator: AsyncIterable<PhoneChatMadeBookingsPage>,
): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
  for await (const page of pageIterator) yield* page.Bookings;
}
