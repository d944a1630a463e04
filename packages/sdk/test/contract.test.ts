// Contract tests: the SDK against the real Prism mock serving the bundled spec, so a request the
// spec does not allow, or a response the SDK misreads, fails here.
import { startMock, type RunningMock } from '@adultwork-api/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdultWorkClient,
  AuthenticationError,
  BookingStatus,
  NotFoundError,
  PermissionDeniedError,
  ConflictError,
  ValidationError,
  type FetchLike,
} from '../src/index.js';

let mock: RunningMock;
let aw: AdultWorkClient;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
  aw = new AdultWorkClient({ accessToken: 'sandbox-token', environment: mock.url, retry: false });
});
afterAll(() => mock?.stop());

describe('against the Prism mock', () => {
  it('lists PhoneChat made bookings', async () => {
    const page = await aw.phoneChat.listMadeBookings({ BookingsPerPage: 10 });
    expect(page.PageNumber).toBe(1);
    expect(page.Bookings.length).toBeGreaterThan(0);
    const [booking] = page.Bookings;
    expect(Object.values(BookingStatus)).toContain(booking?.Status);
    // Date-times stay the API's offset-less strings.
    expect(typeof booking?.SessionDate).toBe('string');
    expect(booking?.SessionDate).not.toMatch(/Z|[+-]\d\d:\d\d$/);
  });

  it('lists a group member\'s bookings through the group route', async () => {
    const seen: string[] = [];
    const spy: FetchLike = (url, init) => {
      seen.push(url);
      return fetch(url, init);
    };
    const viaGroup = new AdultWorkClient({ accessToken: 't', environment: mock.url, fetch: spy }).asGroupMember(123456);
    const page = await viaGroup.phoneChat.listMadeBookings({ OrderBy: undefined, PageNumber: 1 });
    expect(page.Bookings.length).toBeGreaterThan(0);
    expect(seen).toEqual([`${mock.url}/v1/Groups/PhoneChat/MadeBookings?UserID=123456&PageNumber=1`]);
  });

  it('iterates every booking over three pages, one request per page', async () => {
    const pagesAsked: string[] = [];
    // The mock answers with whichever example the Prefer header names; pick the one for the page asked.
    const pickExample: FetchLike = (url, init) => {
      const n = new URL(url).searchParams.get('PageNumber') ?? '1';
      pagesAsked.push(n);
      return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Prefer: `example=page${n}of3` } });
    };
    const client = new AdultWorkClient({ accessToken: 't', environment: mock.url, fetch: pickExample });
    const ids: number[] = [];
    for await (const booking of client.phoneChat.iterateMadeBookings({ BookingsPerPage: 2 })) ids.push(booking.BookingID);
    expect(ids).toEqual([11, 12, 13, 14, 15]);
    expect(pagesAsked).toEqual(['1', '2', '3']);
  });

  it('iterates with the documented pageHeaders option too', async () => {
    const pages: number[] = [];
    for await (const page of aw.phoneChat.iterateMadeBookingPages({}, { pageHeaders: (n) => ({ Prefer: `example=page${n}of3` }) })) {
      pages.push(page.PageNumber);
    }
    expect(pages).toEqual([1, 2, 3]);
  });

  it('yields nothing for an empty result', async () => {
    const all = [];
    for await (const b of aw.phoneChat.iterateMadeBookings({}, { headers: { Prefer: 'example=empty' } })) all.push(b);
    expect(all).toEqual([]);
  });

  it('cancels a PhoneChat booking', async () => {
    const booking = await aw.phoneChat.cancelMadeBooking({ BookingID: 1, Reason: 'Something came up' });
    expect(booking.Status).toBe(BookingStatus.Cancelled);
    expect(booking.CancelledReason).toEqual(expect.any(String));
  });

  it('reschedules a PhoneChat booking', async () => {
    const booking = await aw.phoneChat.rescheduleMadeBooking({ BookingID: 1 });
    expect(booking.BookingID).toEqual(expect.any(Number));
    expect(booking.Status).toBe(BookingStatus.Pending);
  });

  it('deletes PhoneChat bookings and returns one result per ID', async () => {
    const results = await aw.phoneChat.deleteMadeBookings([100, 101, 102]);
    expect(results.map((r) => r.BookingID)).toEqual([100, 101, 102]);
    expect(results.map((r) => r.Deleted)).toEqual([true, true, false]);
    const mixed = await aw.phoneChat.deleteMadeBookings([101, 102], { headers: { Prefer: 'example=oneDeletedOneRefused' } });
    expect(mixed.filter((r) => !r.Deleted)).toHaveLength(1);
  });

  it('cancels a Webcam booking (WebcamBookingID and IsMulitple as the API spells them)', async () => {
    const booking = await aw.webcam.cancelMadeBooking({ BookingID: 1, Reason: 'Ill' });
    expect(booking.WebcamBookingID).toEqual(expect.any(Number));
    expect(typeof booking.IsMulitple).toBe('boolean');
    expect(booking.Status).toBe(BookingStatus.Cancelled);
  });

  it('gives AuthenticationError when no token is sent', async () => {
    const error = await aw.phoneChat
      .listMadeBookings({}, { headers: { Authorization: '' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).operation).toBe('listPhoneChatMadeBookings');
  });

  it('gives ValidationError for input the spec forbids', async () => {
    // The SDK refuses BookingsPerPage=500 itself, so send it under the SDK's checks with a rewriting fetch.
    const tooBig: FetchLike = (url, init) => fetch(url.replace('BookingsPerPage=50', 'BookingsPerPage=500'), init);
    const client = new AdultWorkClient({ accessToken: 't', environment: mock.url, fetch: tooBig, retry: false });
    const error = (await client.phoneChat.listMadeBookings({ BookingsPerPage: 50 }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toBeTypeOf('object');
  });

  it('gives ValidationError when the server rejects a body', async () => {
    const broken: FetchLike = (url, init) => fetch(url, { ...init, body: JSON.stringify({ BookingIDs: 'abc' }) });
    const client = new AdultWorkClient({ accessToken: 't', environment: mock.url, fetch: broken });
    await expect(client.phoneChat.deleteMadeBookings([1])).rejects.toBeInstanceOf(ValidationError);
  });

  it.each([
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
  ])('maps the documented %i answer to its error class', async (code, type) => {
    const error = await aw.phoneChat
      .cancelMadeBooking({ BookingID: 1, Reason: 'x' }, { headers: { Prefer: `code=${code}` } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as PermissionDeniedError).apiMessage).toEqual(expect.any(String));
  });
});

describe('the operation functions against the Prism mock', () => {
  it('list, iterate, cancel, reschedule, delete and cancel a webcam booking', async () => {
    const ops = await import('../src/operations.js');
    const transport = ops.createTransport({ accessToken: 'sandbox-token', environment: mock.url, retry: false, timeoutMs: 0 });
    const page = await ops.listPhoneChatMadeBookings(transport, { BookingsPerPage: 10 });
    expect(page.Bookings.length).toBeGreaterThan(0);
    const member = await ops.listGroupMemberPhoneChatMadeBookings(transport, { UserID: 123456 });
    expect(member.Bookings.length).toBeGreaterThan(0);
    const ids: number[] = [];
    for await (const b of ops.iteratePhoneChatMadeBookings(transport, {}, { pageHeaders: (n) => ({ Prefer: `example=page${n}of3` }) })) {
      ids.push(b.BookingID);
    }
    expect(ids).toEqual([11, 12, 13, 14, 15]);
    expect((await ops.cancelPhoneChatMadeBooking(transport, { BookingID: 1, Reason: 'x' })).Status).toBe(BookingStatus.Cancelled);
    expect((await ops.reschedulePhoneChatMadeBooking(transport, { BookingID: 1 })).Status).toBe(BookingStatus.Pending);
    expect((await ops.deletePhoneChatMadeBookings(transport, [100, 101, 102])).map((r) => r.Deleted)).toEqual([true, true, false]);
    expect(typeof (await ops.cancelWebcamMadeBooking(transport, { BookingID: 1, Reason: 'Ill' })).IsMulitple).toBe('boolean');
  });

  it('give the documented typed errors', async () => {
    const ops = await import('../src/operations.js');
    const transport = ops.createTransport({ accessToken: 't', environment: mock.url, retry: false });
    const notFound = await ops
      .reschedulePhoneChatMadeBooking(transport, { BookingID: 1 }, { headers: { Prefer: 'code=404' } })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ops.NotFoundError);
    // The errors of both entry points are the same classes.
    expect(notFound).toBeInstanceOf(NotFoundError);
    const unauthenticated = await ops.listPhoneChatMadeBookings(transport, {}, { headers: { Authorization: '' } }).catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
  });
});
