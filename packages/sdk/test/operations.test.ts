import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient, AdultWorkError, PhoneChatMadeBookingsOrderBy } from '../src/index.js';
import { json, page, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

let server: FakeServer;
let client: AdultWorkClient;
beforeAll(async () => {
  server = await startFakeServer();
  client = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false });
});
afterAll(() => server.close());

const byPage = (pageCount: number, perPage = 2) =>
  ((request, response) => {
    const n = Number(new URL(request.url, 'http://x').searchParams.get('PageNumber') ?? '1');
    const ids = Array.from({ length: perPage }, (_, i) => (n - 1) * perPage + i + 1);
    json(200, page(n, pageCount, ids))(request, response, 0);
  }) satisfies Parameters<FakeServer['respond']>[0];

describe('requests on the wire', () => {
  it('lists with the query parameters under their wire names', async () => {
    server.respond(json(200, page(2, 3, [3, 4])));
    const result = await client.phoneChat.listMadeBookings({
      StartDate: '2026-01-31',
      OrderBy: PhoneChatMadeBookingsOrderBy.SessionDateAsc,
      BookingsPerPage: 2,
      PageNumber: 2,
    });
    expect(result.Bookings.map((b) => b.BookingID)).toEqual([3, 4]);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: '/v1/PhoneChat/MadeBookings?StartDate=2026-01-31&OrderBy=sessiondate-asc&BookingsPerPage=2&PageNumber=2',
    });
  });

  it('routes the group-manager view to /v1/Groups with UserID', async () => {
    server.respond(json(200, page(1, 1, [7])));
    const member = client.asGroupMember(4242);
    expect(member.userId).toBe(4242);
    await member.phoneChat.listMadeBookings({ BookingsPerPage: 5 });
    expect(server.requests[0]?.url).toBe('/v1/Groups/PhoneChat/MadeBookings?UserID=4242&BookingsPerPage=5');
  });

  it('posts cancel, reschedule, delete and webcam cancel bodies', async () => {
    server.respond(json(200, {}), json(200, {}), json(200, []), json(200, {}));
    await client.phoneChat.cancelMadeBooking({ BookingID: 10, Reason: 'Running late' });
    await client.phoneChat.rescheduleMadeBooking({ BookingID: 11 });
    await client.phoneChat.deleteMadeBookings([100, 101, 102]);
    await client.webcam.cancelMadeBooking({ BookingID: 12, Reason: 'Ill' });
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ['POST', '/v1/PhoneChat/CancelMadeBooking', { BookingID: 10, Reason: 'Running late' }],
      ['POST', '/v1/PhoneChat/RescheduleMadeBooking', { BookingID: 11 }],
      ['POST', '/v1/PhoneChat/DeleteMadeBookings', { BookingIDs: '100,101,102' }],
      ['POST', '/v1/Webcam/CancelMadeBooking', { BookingID: 12, Reason: 'Ill' }],
    ]);
  });

  it('returns the per-booking delete results as they come', async () => {
    const results = [
      { BookingID: 1, Deleted: true, Message: 'Booking deleted' },
      { BookingID: 2, Deleted: false, Message: 'Not finished' },
    ];
    server.respond(json(200, results));
    expect(await client.phoneChat.deleteMadeBookings([1, 2])).toEqual(results);
  });
});

describe('argument checks happen before any request', () => {
  it.each([
    [[], RangeError, /must not be empty/],
    [[1, 0], RangeError, /BookingIDs\[1\] must be a positive whole number/],
    [[-3], RangeError, /positive/],
    [[1.5], RangeError, /got 1.5/],
    [[Number.NaN], RangeError, /positive/],
    [[2 ** 31], RangeError, /positive/],
    [['7'], TypeError, /must be a number, got a string/],
    ['1,2', TypeError, /takes an object of its parameters/],
    [undefined, TypeError, /needs BookingIDs/],
  ])('deleteMadeBookings(%j) is refused', async (ids, type, message) => {
    server.respond(json(200, []));
    const attempt = client.phoneChat.deleteMadeBookings(ids as never);
    await expect(attempt).rejects.toThrow(type);
    await expect(client.phoneChat.deleteMadeBookings(ids as never)).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [() => client.phoneChat.cancelMadeBooking({ BookingID: 0, Reason: 'x' }), RangeError],
    [() => client.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: '   ' }), RangeError],
    [() => client.phoneChat.cancelMadeBooking({ BookingID: 1 } as never), TypeError],
    [() => client.phoneChat.cancelMadeBooking(null as never), TypeError],
    [() => client.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'x', Extra: 1 } as never), TypeError],
    [() => client.webcam.cancelMadeBooking({ BookingID: '1', Reason: 'x' } as never), TypeError],
    [() => client.phoneChat.rescheduleMadeBooking({ BookingID: -1 }), RangeError],
    [() => client.phoneChat.listMadeBookings({ BookingsPerPage: 101 }), RangeError],
    [() => client.phoneChat.listMadeBookings({ BookingsPerPage: 0 }), RangeError],
    [() => client.phoneChat.listMadeBookings({ PageNumber: 0 }), RangeError],
    [() => client.phoneChat.listMadeBookings({ StartDate: '31/01/2026' }), RangeError],
    [() => client.phoneChat.listMadeBookings({ OrderBy: 'newest' as never }), RangeError],
    [() => client.phoneChat.listMadeBookings({ UserID: 5 } as never), TypeError],
    [() => client.phoneChat.listMadeBookings([] as never), TypeError],
  ])('bad call %# is refused', async (call, type) => {
    server.respond(json(200, {}));
    await expect(call()).rejects.toThrow(type);
    expect(server.requests).toHaveLength(0);
  });

  it('asGroupMember needs a positive integer user id', () => {
    expect(() => client.asGroupMember(0)).toThrow(RangeError);
    expect(() => client.asGroupMember('42' as never)).toThrow(TypeError);
    expect(() => client.asGroupMember(4.2)).toThrow(/userId must be a positive whole number/);
  });

  it('iterators check their arguments when called, not on first use', () => {
    expect(() => client.phoneChat.iterateMadeBookings({ BookingsPerPage: 500 })).toThrow(RangeError);
    expect(() => client.phoneChat.iterateMadeBookingPages({}, { pageHeaders: 'x' as never })).toThrow(TypeError);
  });
});

describe('auto-pagination', () => {
  it('iterates every booking across pages, fetching each page lazily', async () => {
    server.respond(byPage(3));
    const seen: number[] = [];
    const iterator = client.phoneChat.iterateMadeBookings({ BookingsPerPage: 2 });
    expect(server.requests).toHaveLength(0);
    for await (const booking of iterator) {
      seen.push(booking.BookingID);
      // One request per page, made only once the previous page is used up.
      expect(server.requests).toHaveLength(Math.ceil(seen.length / 2));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('PageNumber'))).toEqual(['1', '2', '3']);
  });

  it('stops fetching when the loop breaks early', async () => {
    server.respond(byPage(50));
    for await (const booking of client.phoneChat.iterateMadeBookings()) {
      if (booking.BookingID === 3) break;
    }
    expect(server.requests).toHaveLength(2);
  });

  it('starts at the given page and yields whole pages too', async () => {
    server.respond(byPage(4));
    const pages: number[] = [];
    for await (const p of client.phoneChat.iterateMadeBookingPages({ PageNumber: 3 })) pages.push(p.PageNumber);
    expect(pages).toEqual([3, 4]);
  });

  it('stops on an empty page even if PageCount says more', async () => {
    server.respond(json(200, { ...page(1, 5, []), Bookings: [] }));
    const items = [];
    for await (const b of client.phoneChat.iterateMadeBookings()) items.push(b);
    expect(items).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('fails instead of looping when the server ignores PageNumber', async () => {
    server.respond(json(200, page(1, 3, [1])));
    const run = async () => {
      for await (const _ of client.phoneChat.iterateMadeBookings()) void _;
    };
    await expect(run()).rejects.toThrow(/asked for page 2 but got page 1/);
    expect(server.requests).toHaveLength(2);
  });

  it('fails clearly on a response that is not a page', async () => {
    server.respond(json(200, { Items: [] }));
    const iterator = client.phoneChat.iterateMadeBookingPages();
    await expect(iterator.next()).rejects.toBeInstanceOf(AdultWorkError);
  });

  it('iterates a group member\'s bookings on the group route, with per-page headers', async () => {
    server.respond(byPage(2));
    const ids: number[] = [];
    const member = client.asGroupMember(77);
    for await (const b of member.phoneChat.iterateMadeBookings({}, { headers: { 'X-A': 'a' }, pageHeaders: (n) => ({ 'X-Page': String(n) }) })) {
      ids.push(b.BookingID);
    }
    expect(ids).toEqual([1, 2, 3, 4]);
    expect(server.requests.map((r) => [r.url, r.headers['x-a'], r.headers['x-page']])).toEqual([
      ['/v1/Groups/PhoneChat/MadeBookings?UserID=77&PageNumber=1', 'a', '1'],
      ['/v1/Groups/PhoneChat/MadeBookings?UserID=77&PageNumber=2', 'a', '2'],
    ]);
  });
});
