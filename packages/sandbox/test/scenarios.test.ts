import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, example, expectConforms } from './helpers.js';

let sandbox: RunningSandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true });
  base = sandbox.url;
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  expect((await admin(base, 'POST', '/reset')).status).toBe(200);
});

const at = (now: string) => ({ 'X-Sandbox-Now': now });
/** A time before every seed booking's AcceptBy: lists show the seed's statuses as stored. */
const SEED_TIME = at('2018-01-01T00:00:00');

async function list(token: string, query = '') {
  const answer = await call(base, 'listPhoneChatMadeBookings', { token, query: `BookingsPerPage=100&${query}`, headers: SEED_TIME });
  expect(answer.status).toBe(200);
  return answer.json.Bookings as Array<Record<string, any>>;
}

async function cancel(token: string, id: number, now: string, webcam = false, reason = 'Plans changed') {
  const operationId = webcam ? 'cancelWebcamMadeBooking' : 'cancelPhoneChatMadeBooking';
  const answer = await call(base, operationId, { token, body: { BookingID: id, Reason: reason }, headers: at(now) });
  expectConforms(operationId, answer);
  return answer;
}

async function reschedule(token: string, id: number, now: string) {
  const answer = await call(base, 'reschedulePhoneChatMadeBooking', { token, body: { BookingID: id }, headers: at(now) });
  expectConforms('reschedulePhoneChatMadeBooking', answer);
  return answer;
}

async function remove(token: string, ids: string) {
  const answer = await call(base, 'deletePhoneChatMadeBookings', { token, body: { BookingIDs: ids }, headers: SEED_TIME });
  expectConforms('deletePhoneChatMadeBookings', answer);
  expect(answer.status).toBe(200);
  return answer.json as Array<{ BookingID: number; Deleted: boolean; Message: string }>;
}

describe('auth', () => {
  it.each([
    ['no header', undefined],
    ['an unknown token', 'bearer nobody-token'],
    ['another scheme', 'Basic Y2xpZW50OnNlY3JldA=='],
    ['a scheme without token', 'bearer'],
    ['a token with spaces', 'bearer client token'],
  ])('answers 401 with WWW-Authenticate for %s', async (_label, header) => {
    const answer = await call(base, 'listPhoneChatMadeBookings', { token: null, ...(header ? { headers: { Authorization: header } } : {}) });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.json).toEqual(example('Error_missingToken'));
  });

  it('takes the scheme name in any case', async () => {
    for (const scheme of ['bearer', 'Bearer', 'BEARER']) {
      const answer = await call(base, 'listPhoneChatMadeBookings', { token: null, headers: { Authorization: `${scheme} client-token` } });
      expect(answer.status).toBe(200);
    }
  });

  it.each([
    ['listPhoneChatMadeBookings', 'client-webcam-token', {}],
    ['cancelPhoneChatMadeBooking', 'client-webcam-token', { body: { BookingID: 11, Reason: 'x' } }],
    ['reschedulePhoneChatMadeBooking', 'client-webcam-token', { body: { BookingID: 13 } }],
    ['deletePhoneChatMadeBookings', 'client-webcam-token', { body: { BookingIDs: '14' } }],
    ['cancelWebcamMadeBooking', 'client-phonechat-token', { body: { BookingID: 2, Reason: 'x' } }],
    ['listGroupMemberPhoneChatMadeBookings', 'manager-webcam-token', { query: 'UserID=1001' }],
    ['listPhoneChatMadeBookings', 'client-noscope-token', {}],
  ])('answers 403 when the token lacks the scope of %s', async (operationId, token, init) => {
    const answer = await call(base, operationId, { token, ...init });
    expect(answer.status).toBe(403);
    expectConforms(operationId, answer);
    expect(answer.json.Message).toMatch(/scope/);
  });

  it('refuses with 403 a token without the scope even before looking at the input', async () => {
    const answer = await call(base, 'cancelWebcamMadeBooking', { token: 'client-phonechat-token', body: { nonsense: true } });
    expect(answer.status).toBe(403);
  });

  it('lets a group manager list the bookings of a member of its group', async () => {
    const member = await call(base, 'listGroupMemberPhoneChatMadeBookings', { token: 'manager-token', query: 'UserID=1001&BookingsPerPage=2&PageNumber=2' });
    expectConforms('listGroupMemberPhoneChatMadeBookings', member);
    expect(member.json).toEqual(example('PhoneChatMadeBookings_page2of3'));
    const other = await call(base, 'listGroupMemberPhoneChatMadeBookings', { token: 'other-manager-token', query: 'UserID=1003' });
    expect(other.json.Bookings.map((b: any) => b.BookingID)).toEqual([300, 301, 50]);
  });

  it.each([
    ['a member of another group', 'manager-token', 1003],
    ['an unknown user', 'manager-token', 999999],
    ['the manager itself, not a member', 'manager-token', 2001],
    ['a user who manages no group', 'client-token', 1002],
  ])('refuses with 403 a group-manager call for %s', async (_label, token, userId) => {
    const answer = await call(base, 'listGroupMemberPhoneChatMadeBookings', { token, query: `UserID=${userId}` });
    expect(answer.status).toBe(403);
    expectConforms('listGroupMemberPhoneChatMadeBookings', answer);
  });

  it("gives a manager no access to a member's bookings through the member routes", async () => {
    expect((await cancel('manager-token', 11, '2018-03-01T12:00:00')).status).toBe(404);
    expect(await list('manager-token')).toEqual([]);
  });

  it("treats someone else's booking as unknown (404) and leaves it alone", async () => {
    expect((await cancel('client-token', 1, '2018-01-22T12:00:00')).status).toBe(404);
    expect((await reschedule('client-token', 300, '2019-01-01T00:00:00')).status).toBe(404);
    expect((await cancel('booking-user-token', 1, '2018-01-22T12:00:00', true)).status).toBe(404);
    const results = await remove('client-token', '100');
    expect(results).toEqual([{ BookingID: 100, Deleted: false, Message: 'No booking with ID 100 was found for this user.' }]);
    expect((await list('booking-user-token')).some((b) => b.BookingID === 100)).toBe(true);
  });
});

describe('listing', () => {
  it('pages exactly like the documented examples', async () => {
    for (const [page, name] of [[1, 'page1of3'], [2, 'page2of3'], [3, 'page3of3']] as const) {
      const answer = await call(base, 'listPhoneChatMadeBookings', { query: `BookingsPerPage=2&PageNumber=${page}`, headers: SEED_TIME });
      expect(answer.json).toEqual(example(`PhoneChatMadeBookings_${name}`));
    }
  });

  it('gives a user without bookings the documented empty page', async () => {
    const answer = await call(base, 'listPhoneChatMadeBookings', { token: 'empty-token' });
    expect(answer.json).toEqual(example('PhoneChatMadeBookings_empty'));
  });

  it('answers a page past the end with no bookings and the right totals', async () => {
    const answer = await call(base, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=2&PageNumber=9' });
    expect(answer.json).toMatchObject({ PageCount: 3, PageNumber: 9, BookingsTotal: 5, BookingsPerPage: 2, Bookings: [] });
  });

  it('sorts by each OrderBy and filters by StartDate', async () => {
    const ids = async (query: string) => (await list('booking-user-token', query)).map((b) => b.BookingID);
    expect(await ids('OrderBy=sessiondate-asc')).toEqual([1, 100, 101, 102, 103, 104, 200, 201, 202]);
    expect(await ids('OrderBy=sessiondate-desc')).toEqual([202, 201, 200, 104, 103, 102, 101, 100, 1]);
    expect(await ids('OrderBy=nickname-asc')).toEqual([1, 100, 101, 102, 103, 104, 200, 201, 202]);
    expect(await ids('OrderBy=nickname-desc')).toEqual([200, 201, 202, 1, 100, 101, 102, 103, 104]);
    expect(await ids('OrderBy=date-asc')).toEqual([1, 100, 101, 102, 103, 104, 200, 201, 202]);
    expect(await ids('OrderBy=date-desc')).toEqual([200, 201, 202, 1, 100, 101, 102, 103, 104]);
    expect(await ids('StartDate=2026-01-10')).toEqual([200, 201, 202]);
    expect(await ids('StartDate=2026-01-11')).toEqual([]);
  });
});

describe('cancel', () => {
  it('reproduces the documented cancelled PhoneChat booking', async () => {
    const answer = await cancel('booking-user-token', 1, '2018-01-22T18:24:11', false, "I've had something come up");
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(example('PhoneChatMadeBooking_cancelled'));
    expect((await list('booking-user-token')).find((b) => b.BookingID === 1)).toEqual(example('PhoneChatMadeBooking_cancelled'));
  });

  it('reproduces the documented cancelled Webcam booking', async () => {
    const answer = await cancel('client-token', 1, '2018-01-01T16:00:00', true, "I can't make it.");
    expect(answer.status).toBe(200);
    // The sample writes minutes only; the sandbox writes seconds, as its other samples do.
    expect(answer.json).toEqual({ ...example('WebcamBooking_cancelled'), CancelledDate: '2018-01-01T16:00:00', LastUpdated: '2018-01-01T16:00:00' });
  });

  it.each([
    ['Pending', 11, '2018-03-04T12:00:00', 200, undefined],
    ['Accepted', 12, '2018-03-04T12:00:00', 200, undefined],
    ['Confirmed, session ahead', 13, '2018-03-05T19:59:59', 200, undefined],
    ['Confirmed, session now', 13, '2018-03-05T20:00:00', 409, 'confirmed-session-not-passed'],
    ['Confirmed, session past', 13, '2018-03-06T12:00:00', 409, 'confirmed-session-not-passed'],
    ['Cancelled', 14, '2018-03-04T12:00:00', 409, 'status-not-cancelled-or-rejected'],
    ['Rejected', 15, '2018-03-04T12:00:00', 409, 'status-not-cancelled-or-rejected'],
    // Once AcceptBy has passed, a Pending booking is Rejected (x-adultwork-bookings expiry).
    ['Pending, AcceptBy past', 11, '2019-01-01T00:00:00', 409, 'status-not-cancelled-or-rejected'],
    ['unknown', 999, '2018-03-04T12:00:00', 404, undefined],
  ])('PhoneChat: %s → %s', async (_label, id, now, status, rule) => {
    const before = (await list('client-token')).find((b) => b.BookingID === id);
    const answer = await cancel('client-token', id, now);
    expect(answer.status, answer.text).toBe(status);
    const after = (await list('client-token')).find((b) => b.BookingID === id);
    if (status === 200) {
      expect(answer.json).toEqual({ ...before, Status: 'Cancelled', CancelledDate: now, CancelledReason: 'Plans changed', CancelledBy: 'ClientUser', LastUpdated: now, ActionClient: null });
      expect(after).toEqual(answer.json);
    } else {
      expect(after).toEqual(before);
      expect(answer.headers.get('x-sandbox-prerequisite') ?? undefined).toBe(rule);
    }
  });

  it.each([
    ['Pending', 2, '2018-01-01T12:00:00', 200],
    ['Pending, AcceptBy past', 2, '2030-03-01T00:00:00', 409],
    ['Accepted', 1, '2018-01-01T12:00:00', 200],
    ['Confirmed, session ahead', 3, '2026-01-01T12:00:00', 200],
    ['Confirmed, session past', 4, '2026-01-01T12:00:00', 409],
    ['Cancelled', 5, '2018-01-01T12:00:00', 409],
    ['Rejected', 6, '2018-01-01T12:00:00', 409],
    ['unknown', 99, '2018-01-01T12:00:00', 404],
  ])('Webcam: %s → %s', async (_label, id, now, status) => {
    const answer = await cancel('client-token', id, now, true);
    expect(answer.status, answer.text).toBe(status);
    if (status === 200) {
      expect(answer.json).toMatchObject({ WebcamBookingID: id, Status: 'Cancelled', CancelledDate: now, CancelledBy: 'ClientUser' });
      expect(answer.json).not.toHaveProperty('ActionClient');
      expect((await cancel('client-token', id, now, true)).status).toBe(409);
    }
  });
});

describe('reschedule', () => {
  it('makes a new Pending booking 5-10 minutes ahead and leaves the original untouched', async () => {
    const before = await admin(base, 'GET', '/state');
    const original = (await list('booking-user-token')).find((b) => b.BookingID === 1);
    const answer = await reschedule('booking-user-token', 1, '2018-01-25T14:32:12.456');
    expect(answer.status, answer.text).toBe(200);
    const sample = example('PhoneChatMadeBooking_rescheduled');
    expect(answer.json).toEqual({ ...sample, BookingID: 302, SessionDate: '2018-01-25T14:38:00', AcceptBy: '2018-01-25T14:37:00' });
    const minutes = (Date.parse(`${answer.json.SessionDate}Z`) - Date.parse('2018-01-25T14:32:12.456Z')) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(5);
    expect(minutes).toBeLessThanOrEqual(10);
    const after = await list('booking-user-token');
    expect(after.find((b) => b.BookingID === 1)).toEqual(original);
    expect(after.find((b) => b.BookingID === 302)).toEqual(answer.json);
    // Rescheduling debits nothing (see docs/sandbox.md).
    const state = await admin(base, 'GET', '/state');
    expect(state.json.users).toEqual(before.json.users);
  });

  it('never reuses an ID, even after the newest booking is deleted', async () => {
    const first = await reschedule('client-token', 14, '2018-03-06T00:00:00');
    expect(first.json.BookingID).toBe(302);
    await cancel('client-token', 302, '2018-03-06T00:00:00');
    expect((await remove('client-token', '302'))[0]!.Deleted).toBe(true);
    expect((await reschedule('client-token', 14, '2018-03-06T00:00:00')).json.BookingID).toBe(303);
  });

  it.each([
    ['Pending', 11],
    ['Accepted', 12],
    ['Confirmed', 13],
    ['Cancelled', 14],
    ['Rejected', 15],
  ])('works for a %s booking once its session has passed (the spec sets no status rule)', async (_label, id) => {
    expect((await reschedule('client-token', id, '2018-03-05T20:00:00')).status).toBe(200);
  });

  it('refuses a booking whose session is still ahead (409), including a fresh reschedule', async () => {
    const early = await reschedule('client-token', 13, '2018-03-05T19:59:59');
    expect(early.status).toBe(409);
    expect(early.headers.get('x-sandbox-prerequisite')).toBe('session-date-passed');
    const made = await reschedule('client-token', 13, '2018-03-06T00:00:00');
    expect((await reschedule('client-token', made.json.BookingID, '2018-03-06T00:00:01')).status).toBe(409);
  });

  it('needs a credit balance that covers the booking (atLeast, so equal is enough)', async () => {
    const poor = await reschedule('lowcredit-token', 300, '2019-01-01T00:00:00');
    expect(poor.status).toBe(409);
    expect(poor.headers.get('x-sandbox-prerequisite')).toBe('sufficient-credits');
    expect(poor.json.Message).toMatch(/CreditBalance is 5; the limit is 8/);
    expect((await reschedule('lowcredit-token', 301, '2019-01-01T00:00:00')).status).toBe(200);
  });

  it('answers 404 for an unknown booking', async () => {
    expect((await reschedule('client-token', 424242, '2019-01-01T00:00:00')).status).toBe(404);
  });
});

describe('delete', () => {
  it('reproduces the documented result, one entry per ID in request order', async () => {
    expect(await remove('booking-user-token', '100,101,102')).toEqual(example('DeleteMadeBookings_seed'));
    expect((await list('booking-user-token')).map((b) => b.BookingID)).toEqual([200, 201, 202, 1, 102, 103, 104]);
  });

  it.each([
    ['Cancelled', 14, true],
    ['Rejected', 15, true],
    ['Confirmed', 13, true],
    ['Pending', 11, false],
    ['Accepted', 12, false],
  ])('%s booking: deleted = %s', async (_label, id, deleted) => {
    const [result] = await remove('client-token', String(id));
    expect(result).toEqual({
      BookingID: id,
      Deleted: deleted,
      Message: deleted ? 'Booking deleted' : example('DeleteMadeBookings_seed')[2].Message,
    });
    expect((await list('client-token')).some((b) => b.BookingID === id)).toBe(!deleted);
  });

  it('handles repeated and spaced IDs one by one', async () => {
    expect(await remove('client-token', ' 14 , 14,999')).toEqual([
      { BookingID: 14, Deleted: true, Message: 'Booking deleted' },
      { BookingID: 14, Deleted: false, Message: 'No booking with ID 14 was found for this user.' },
      { BookingID: 999, Deleted: false, Message: 'No booking with ID 999 was found for this user.' },
    ]);
  });
});

describe('clock and admin routes', () => {
  it('freezes and thaws the clock through the admin route', async () => {
    expect((await admin(base, 'PUT', '/clock', { now: '2018-03-04T09:30:00' })).json).toEqual({ now: '2018-03-04T09:30:00', frozen: true });
    const answer = await call(base, 'cancelPhoneChatMadeBooking', { body: { BookingID: 13, Reason: 'x' } });
    expect(answer.json.CancelledDate).toBe('2018-03-04T09:30:00');
    expect((await admin(base, 'PUT', '/clock', { now: null })).json.frozen).toBe(false);
    const real = (await admin(base, 'GET', '/clock')).json.now as string;
    expect(real.slice(0, 2)).toBe('20');
    expect((await admin(base, 'PUT', '/clock', { now: 'tomorrow' })).status).toBe(422);
    expect((await admin(base, 'PUT', '/clock', {})).status).toBe(422);
  });

  it('refuses an unreadable X-Sandbox-Now with 422', async () => {
    for (const value of ['yesterday', '2018-02-30T10:00:00', '2018-01-25 14:32:12']) {
      const answer = await call(base, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'x' }, headers: at(value) });
      expect(answer.status).toBe(422);
      expect(answer.json.ModelState).toHaveProperty('X-Sandbox-Now');
    }
  });

  it('resets to the seed and reseeds from a body, checking it against the spec', async () => {
    await cancel('client-token', 11, '2018-03-04T12:00:00');
    const reset = await admin(base, 'POST', '/reset');
    expect(reset.json.bookings).toEqual({ PhoneChat: 17, Webcam: 7 });
    expect((await list('client-token')).find((b) => b.BookingID === 11)!.Status).toBe('Pending');

    const state = (await admin(base, 'GET', '/state')).json;
    state.bookings.PhoneChat = state.bookings.PhoneChat.filter((r: any) => r.ClientUserID === 1001);
    expect((await admin(base, 'PUT', '/state', state)).status).toBe(200);
    expect(await list('booking-user-token')).toEqual([]);

    const broken = structuredClone(state);
    broken.bookings.PhoneChat[0].Item.Status = 'Lost';
    broken.tokens.push({ Token: 'ghost', UserID: 777, Scopes: [] });
    const refused = await admin(base, 'PUT', '/state', broken);
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.json.ModelState)).toEqual(expect.arrayContaining([`tokens[${broken.tokens.length - 1}]`, 'bookings.PhoneChat[0].Status']));
    expect((await admin(base, 'PUT', '/state', { users: 'no' })).status).toBe(422);
    expect(await list('booking-user-token')).toEqual([]);
  });
});
