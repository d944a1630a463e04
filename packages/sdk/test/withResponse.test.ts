import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient, NotFoundError, createTransport, listPhoneChatMadeBookings } from '../src/index.js';
import { json, page, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

let server: FakeServer;
let aw: AdultWorkClient;
beforeAll(async () => {
  server = await startFakeServer();
  aw = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false });
});
afterAll(() => server.close());

const limits = { 'x-ratelimit-remaining': '41', 'x-request-id': 'req-1' };

describe('withResponse() and asResponse()', () => {
  it('give the parsed answer with the response of the same single request', async () => {
    server.respond(json(200, page(1, 1, [5, 6]), limits));
    const { data, response, requestId } = await aw.phoneChat.listMadeBookings({ BookingsPerPage: 2 }).withResponse();
    expect(server.requests).toHaveLength(1);
    expect(data.Bookings.map((b) => b.BookingID)).toEqual([5, 6]);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('41');
    expect(response.url).toBe(`${server.url}/v1/PhoneChat/MadeBookings?BookingsPerPage=2`);
    expect(requestId).toBe('req-1');
  });

  it('work on the operation functions and on POST calls, and the plain await still gives the data', async () => {
    server.respond(json(200, [{ BookingID: 1, Deleted: true, Message: '' }], limits));
    const call = aw.phoneChat.deleteMadeBookings([1]);
    const [data, withResponse] = await Promise.all([call, call.withResponse()]);
    expect(withResponse.data).toBe(data);
    expect(server.requests).toHaveLength(1);

    server.respond(json(200, page(1, 1, [9]), limits));
    const transport = createTransport({ accessToken: 'token', environment: server.url });
    const copy = await listPhoneChatMadeBookings(transport).asResponse();
    expect(copy.status).toBe(200);
    expect(copy.headers.get('x-ratelimit-remaining')).toBe('41');
    expect(((await copy.json()) as { Bookings: unknown[] }).Bookings).toEqual([{ BookingID: 9 }]);
  });

  it('reject with the typed error when the call fails, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      server.respond(json(404, { Message: 'no such booking' }));
      await expect(aw.phoneChat.rescheduleMadeBooking({ BookingID: 3 }).withResponse()).rejects.toBeInstanceOf(NotFoundError);
      await expect(aw.phoneChat.rescheduleMadeBooking({ BookingID: 3 }).asResponse()).rejects.toBeInstanceOf(NotFoundError);
      // Refused before sending: the same rejection through the methods.
      await expect(aw.phoneChat.rescheduleMadeBooking({ BookingID: -1 }).withResponse()).rejects.toBeInstanceOf(RangeError);
      await expect(aw.asGroupMember(7).phoneChat.listMadeBookings({ BookingsPerPage: 0 }).asResponse()).rejects.toBeInstanceOf(RangeError);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
