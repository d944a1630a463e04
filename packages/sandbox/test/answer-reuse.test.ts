import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, expectConforms } from './helpers.js';

/**
 * The sandbox remembers what it worked out before: a list page's bytes (by the page's head and
 * view objects), a query string's parsed parameters, the seed (as its text, for resets). These
 * tests change what lies under each and check that no stale answer comes back.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true, clock: '2018-03-04T12:00:00' });
});
afterAll(() => sandbox.stop());

const LIST = 'OrderBy=sessiondate-asc&BookingsPerPage=10';
const statusOf = (answer: { json: any }, id: number) => answer.json.Bookings.find((b: any) => b.BookingID === id)?.Status;

async function rawList(query = LIST, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${sandbox.url}/v1/PhoneChat/MadeBookings?${query}`, { headers: { Authorization: 'bearer client-token', Accept: 'application/json', ...headers } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('answers worked out once', () => {
  it('sends a page again byte for byte, and a changed booking on it as it now stands', async () => {
    expect((await admin(sandbox.url, 'POST', '/reset')).status).toBe(200);
    const first = await rawList();
    expect(await rawList()).toBe(first);
    expect(statusOf({ json: JSON.parse(first) }, 11)).toBe('Pending');

    const cancelled = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Plans changed' } });
    expect(cancelled.status).toBe(200);
    const after = await call(sandbox.url, 'listPhoneChatMadeBookings', { query: LIST });
    expectConforms('listPhoneChatMadeBookings', after);
    expect(statusOf(after, 11)).toBe('Cancelled');
    expect(after.json.Bookings.find((b: any) => b.BookingID === 11).CancelledReason).toBe('Plans changed');
    // Same head (counts and page), other bytes: the page is not the one remembered.
    expect(after.text).not.toBe(first);
    expect([after.json.PageCount, after.json.PageNumber, after.json.BookingsTotal]).toEqual([JSON.parse(first).PageCount, JSON.parse(first).PageNumber, JSON.parse(first).BookingsTotal]);
  });

  it('shows a booking expired at a later request time, though nothing was written', async () => {
    expect((await admin(sandbox.url, 'POST', '/reset')).status).toBe(200);
    const before = JSON.parse(await rawList());
    expect(statusOf({ json: before }, 11)).toBe('Pending');
    // Past its AcceptBy the Pending booking reads as expired; the same query string, another answer.
    const later = JSON.parse(await rawList(LIST, { 'X-Sandbox-Now': '2018-03-05T19:00:00' }));
    expect(statusOf({ json: later }, 11)).not.toBe('Pending');
    expect(statusOf({ json: JSON.parse(await rawList()) }, 11)).toBe('Pending');
  });

  it('reads the same query string the same way every time, and a bad one is refused every time', async () => {
    const bad = 'OrderBy=sessiondate-asc&BookingsPerPage=0';
    for (let i = 0; i < 3; i++) {
      const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { query: bad });
      expect(answer.status).toBe(422);
      expect(answer.json.ModelState).toBeDefined();
    }
    const pages = await Promise.all([1, 2, 1, 2].map((page) => call(sandbox.url, 'listPhoneChatMadeBookings', { query: `${LIST.replace('10', '2')}&PageNumber=${page}` })));
    expect(pages.map((answer) => answer.json.PageNumber)).toEqual([1, 2, 1, 2]);
    expect(pages[0]!.text).toBe(pages[2]!.text);
    expect(pages[0]!.text).not.toBe(pages[1]!.text);
  });

  it('resets to the seed as often as asked, whatever was changed in between', async () => {
    for (let round = 0; round < 3; round++) {
      expect((await admin(sandbox.url, 'POST', '/reset')).status).toBe(200);
      const detail = await call(sandbox.url, 'getPhoneChatMadeBooking', { query: 'BookingID=11' });
      expect(detail.json.Status).toBe('Pending');
      expect((await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: `round ${round}` } })).status).toBe(200);
      expect((await call(sandbox.url, 'getPhoneChatMadeBooking', { query: 'BookingID=11' })).json.Status).toBe('Cancelled');
    }
  });
});
