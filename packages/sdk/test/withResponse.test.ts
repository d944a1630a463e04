import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdultWorkClient, NotFoundError, asResponse, createTransport, listPhoneChatMadeBookings, withResponse } from '../src/index.js';
import { json, page, startFakeServer, type FakeServer } from './helpers/fakeServer.js';

let server: FakeServer;
let aw: AdultWorkClient;
beforeAll(async () => {
  server = await startFakeServer();
  aw = new AdultWorkClient({ accessToken: 'token', environment: server.url, retry: false });
});
afterAll(() => server.close());

const limits = { 'x-ratelimit-remaining': '41', 'x-request-id': 'req-1' };

describe('withResponse and asResponse, as methods of the client\'s promises and as functions', () => {
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

  it('work on POST calls and on the operation functions, and the plain await still gives the data', async () => {
    server.respond(json(200, [{ BookingID: 1, Deleted: true, Message: '' }], limits));
    const deletion = aw.phoneChat.deleteMadeBookings([1]);
    const [data, withIt] = await Promise.all([deletion, deletion.withResponse()]);
    expect(withIt.data).toBe(data);
    expect(server.requests).toHaveLength(1);

    server.respond(json(200, page(1, 1, [9]), limits));
    const transport = createTransport({ accessToken: 'token', environment: server.url });
    const call = listPhoneChatMadeBookings(transport);
    const [copy, both] = await Promise.all([asResponse(call), withResponse(call)]);
    expect(server.requests).toHaveLength(1);
    expect(both.requestId).toBe('req-1');
    expect(both.data.Bookings).toEqual([{ BookingID: 9 }]);
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
      const transport = createTransport({ accessToken: 'token', environment: server.url });
      await expect(withResponse(listPhoneChatMadeBookings(transport, { PageNumber: 0 }))).rejects.toBeInstanceOf(RangeError);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('refuse, clearly, a promise that is not an SDK call', async () => {
    await expect(withResponse(Promise.resolve(1))).rejects.toThrow(/take the promise an SDK call returned/);
    await expect(asResponse(Promise.resolve(1))).rejects.toThrow(TypeError);
  });
});
