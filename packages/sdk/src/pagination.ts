import type { PhoneChatMadeBooking, PhoneChatMadeBookingsPage } from '@adultwork-api/client-fetch';
import { AdultWorkError } from './errors.js';

type FetchPage = (pageNumber: number) => Promise<PhoneChatMadeBookingsPage>;

function checkPage(page: unknown, operation: string): asserts page is PhoneChatMadeBookingsPage {
  const shaped =
    page !== null &&
    typeof page === 'object' &&
    typeof (page as PhoneChatMadeBookingsPage).PageNumber === 'number' &&
    typeof (page as PhoneChatMadeBookingsPage).PageCount === 'number' &&
    Array.isArray((page as PhoneChatMadeBookingsPage).Bookings);
  if (!shaped) {
    throw new AdultWorkError(`${operation}: the response is not a page (PageNumber, PageCount, Bookings)`, {
      operation,
      body: page,
    });
  }
}

/**
 * Yields page after page, fetching each only when the consumer asks for it. It follows the
 * spec's paging fields: stop after PageCount, or on an empty page.
 */
export async function* iteratePages(fetchPage: FetchPage, firstPage: number, operation: string): AsyncGenerator<PhoneChatMadeBookingsPage, void, undefined> {
  let pageNumber = firstPage;
  for (;;) {
    const page: unknown = await fetchPage(pageNumber);
    checkPage(page, operation);
    // A server that ignores PageNumber would otherwise make this loop forever.
    if (page.PageNumber !== pageNumber) {
      throw new AdultWorkError(`${operation}: asked for page ${pageNumber} but got page ${page.PageNumber}`, {
        operation,
        body: page,
      });
    }
    yield page;
    if (page.Bookings.length === 0 || page.PageNumber >= page.PageCount) return;
    pageNumber += 1;
  }
}

export async function* iterateItems(pages: AsyncIterable<PhoneChatMadeBookingsPage>): AsyncGenerator<PhoneChatMadeBooking, void, undefined> {
  for await (const page of pages) yield* page.Bookings;
}
