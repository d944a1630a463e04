import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock } from '@adultwork-api/mock';
import { startSandbox } from '../src/index.js';
import { admin, call, expectConforms, operations } from './helpers.js';

/**
 * One contract suite, two targets: Prism answering from the examples, and the sandbox. Every
 * request below is valid against both (the sandbox's seed has bookings in the states these
 * requests need), so the suite checks only what the spec promises, not what either one stores.
 */
interface Target {
  name: string;
  url: string;
  stateful: boolean;
  stop(): Promise<void>;
}

const targets: Array<[string, () => Promise<Target>]> = [
  ['prism', async () => ({ name: 'prism', stateful: false, ...(await startMock()) })],
  // Before the seed's AcceptBy dates, so that its Pending bookings are still Pending.
  ['sandbox', async () => ({ name: 'sandbox', stateful: true, ...(await startSandbox({ checkResponses: true, clock: '2018-03-01T00:00:00' })) })],
];

const phoneChatBooking = { BookUserID: 123456, SessionDate: '2018-03-02 20:00', Duration: 10, Method: 1, PhoneNumber: '07700900123', Credits: 20, AcceptBy: '2018-03-02 18:00' };
const webcamBooking = { BookUserIDs: '123456', SessionDate: '2018-03-02 20:00', Duration: 10, Credits: 30, SoftwareTypeID: 2, SignInNameOrEmail: 'client@example.com' };

const validCalls: Array<{ operationId: string; token?: string; query?: string; body?: unknown; xml: boolean }> = [
  { operationId: 'listPhoneChatMadeBookings', query: 'OrderBy=sessiondate-asc&BookingsPerPage=10', xml: true },
  { operationId: 'listGroupMemberPhoneChatMadeBookings', token: 'manager-token', query: 'UserID=1001&BookingsPerPage=10', xml: true },
  { operationId: 'getPhoneChatMadeBooking', query: 'BookingID=11', xml: true },
  { operationId: 'getGroupMemberPhoneChatMadeBooking', token: 'manager-token', query: 'UserID=1001&BookingID=11', xml: true },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 11, Reason: "I've had something come up" }, xml: true },
  { operationId: 'reschedulePhoneChatMadeBooking', token: 'booking-user-token', body: { BookingID: 100 }, xml: true },
  { operationId: 'deletePhoneChatMadeBookings', body: { BookingIDs: '14,15' }, xml: true },
  { operationId: 'createPhoneChatBooking', body: phoneChatBooking, xml: true },
  { operationId: 'acceptPhoneChatReceivedBooking', token: 'performer-noservice-token', body: { BookingID: 201, Credits: 10 }, xml: true },
  { operationId: 'reInvitePhoneChatReceivedBooking', token: 'performer-token', body: { BookingID: 50 }, xml: true },
  { operationId: 'deletePhoneChatReceivedBookings', token: 'performer-token', body: { BookingIDs: '101' }, xml: true },
  { operationId: 'getPhoneChatUserBookingRequirements', query: 'BookUserID=123456', xml: true },
  { operationId: 'getPhoneChatSettings', token: 'performer-token', xml: true },
  { operationId: 'getGroupMemberPhoneChatSettings', token: 'manager-token', query: 'UserID=1001', xml: true },
  { operationId: 'savePhoneChatSettings', body: { OfferDirectChat: false, PhoneChatPPM: 1 }, xml: true },
  { operationId: 'saveGroupMemberPhoneChatSettings', token: 'manager-token', body: { UserID: 1001, OfferDirectChat: false, PhoneChatPPM: 1 }, xml: true },
  { operationId: 'listWebcamMadeBookings', query: 'BookingsPerPage=10', xml: true },
  { operationId: 'listGroupMemberWebcamMadeBookings', token: 'manager-token', query: 'UserID=1001', xml: true },
  { operationId: 'getWebcamMadeBooking', query: 'BookingID=1', xml: true },
  { operationId: 'getGroupMemberWebcamMadeBooking', token: 'manager-token', query: 'UserID=1001&BookingID=1', xml: true },
  { operationId: 'getWebcamReceivedBooking', token: 'performer-token', query: 'BookingID=1', xml: true },
  { operationId: 'getGroupMemberWebcamReceivedBooking', token: 'manager-token', query: 'UserID=123456&BookingID=1', xml: true },
  { operationId: 'createWebcamBooking', body: webcamBooking, xml: true },
  { operationId: 'confirmWebcamMadeBooking', token: 'booking-user-token', body: { BookingID: 7 }, xml: true },
  { operationId: 'cancelWebcamMadeBooking', body: { BookingID: 2, Reason: "I can't make it." }, xml: true },
  { operationId: 'rescheduleWebcamMadeBooking', body: { BookingID: 6 }, xml: true },
  { operationId: 'deleteWebcamMadeBookings', body: { BookingIDs: '5,6' }, xml: true },
  { operationId: 'deleteWebcamReceivedBookings', token: 'performer-token', body: { BookingIDs: '4' }, xml: true },
  { operationId: 'acceptWebcamReceivedBooking', token: 'performer-token', body: { BookingID: 2, Credits: 10 }, xml: true },
  { operationId: 'rejectWebcamReceivedBooking', token: 'performer-token', body: { BookingID: 2, Reason: 'Not available then.' }, xml: true },
  { operationId: 'cancelWebcamReceivedBooking', token: 'performer-token', body: { BookingID: 7, Reason: 'Not available then.' }, xml: true },
  { operationId: 'getWebcamUserBookingRequirements', query: 'BookUserIDs=123456', xml: true },
  { operationId: 'verifyCredentials', xml: true },
  { operationId: 'getAccountPermissions', xml: true },
  { operationId: 'getCurrentCreditBalance', xml: true },
  { operationId: 'listCreditsHistory', query: 'PageSize=10', xml: true },
  { operationId: 'listDirectChatPins', xml: true },
];

const invalidCalls: Array<{ operationId: string; query?: string; body?: unknown; field: string }> = [
  { operationId: 'listPhoneChatMadeBookings', query: 'BookingsPerPage=0', field: 'BookingsPerPage' },
  { operationId: 'listPhoneChatMadeBookings', query: 'BookingsPerPage=101', field: 'BookingsPerPage' },
  { operationId: 'listPhoneChatMadeBookings', query: 'BookingsPerPage=ten', field: 'BookingsPerPage' },
  { operationId: 'listPhoneChatMadeBookings', query: 'PageNumber=0', field: 'PageNumber' },
  { operationId: 'listPhoneChatMadeBookings', query: 'StartDate=2018-13-01', field: 'StartDate' },
  { operationId: 'listPhoneChatMadeBookings', query: 'StartDate=2018-01-01T00:00:00', field: 'StartDate' },
  { operationId: 'listPhoneChatMadeBookings', query: 'OrderBy=price-asc', field: 'OrderBy' },
  { operationId: 'listGroupMemberPhoneChatMadeBookings', query: '', field: 'UserID' },
  { operationId: 'listGroupMemberPhoneChatMadeBookings', query: 'UserID=0', field: 'UserID' },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 11 }, field: 'Reason' },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 11, Reason: '   ' }, field: 'Reason' },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 0, Reason: 'x' }, field: 'BookingID' },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: '11', Reason: 'x' }, field: 'BookingID' },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 1.5, Reason: 'x' }, field: 'BookingID' },
  { operationId: 'reschedulePhoneChatMadeBooking', body: {}, field: 'BookingID' },
  { operationId: 'deletePhoneChatMadeBookings', body: { BookingIDs: '1,,2' }, field: 'BookingIDs' },
  { operationId: 'deletePhoneChatMadeBookings', body: { BookingIDs: [1, 2] }, field: 'BookingIDs' },
  { operationId: 'deletePhoneChatMadeBookings', body: { BookingIDs: '0' }, field: 'BookingIDs' },
  { operationId: 'cancelWebcamMadeBooking', body: { Reason: 'x' }, field: 'BookingID' },
];

describe.each(targets)('contract against %s', (_name, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(async () => {
    await target?.stop();
  });
  beforeEach(async () => {
    if (target.stateful) expect((await admin(target.url, 'POST', '/reset')).status).toBe(200);
  });

  it('covers every operation of the spec', () => {
    // The OAuth endpoints are served by the authorization server, not by this contract.
    const served = [...operations].filter(([, { op }]) => op['x-adultwork-oauth'] === undefined).map(([id]) => id);
    expect(new Set(validCalls.map((c) => c.operationId))).toEqual(new Set(served));
  });

  it.each(validCalls)('$operationId answers a valid request with a documented 200 (JSON)', async ({ operationId, token, query, body }) => {
    const answer = await call(target.url, operationId, { ...(token ? { token } : {}), ...(query ? { query } : {}), ...(body ? { body } : {}) });
    expect(answer.status, answer.text).toBe(200);
    expectConforms(operationId, answer);
  });

  it.each(validCalls.filter((c) => c.xml))('$operationId answers Accept: application/xml with documented XML', async ({ operationId, token, query, body }) => {
    const answer = await call(target.url, operationId, { ...(token ? { token } : {}), ...(query ? { query } : {}), ...(body ? { body } : {}), headers: { Accept: 'application/xml' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.contentType).toMatch(/^application\/xml/);
    expectConforms(operationId, answer);
  });

  it.each(validCalls)('$operationId refuses a request without a token with a documented 401', async ({ operationId, query, body }) => {
    const answer = await call(target.url, operationId, { token: null, ...(query ? { query } : {}), ...(body ? { body } : {}) });
    expect(answer.status).toBe(401);
    expectConforms(operationId, answer);
    expect(answer.json.Message).toBeTypeOf('string');
  });

  it.each(validCalls.filter((c) => c.body !== undefined))('$operationId refuses a body not sent as JSON with a documented 415', async ({ operationId, token }) => {
    const answer = await call(target.url, operationId, { ...(token ? { token } : {}), rawBody: 'BookingID=11', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(answer.status, answer.text).toBe(415);
    expectConforms(operationId, answer);
  });

  it.each(invalidCalls)('$operationId refuses invalid $field with a documented 422 (%#)', async ({ operationId, query, body, field }) => {
    const answer = await call(target.url, operationId, { token: 'manager-token', ...(query !== undefined ? { query } : {}), ...(body !== undefined ? { body } : {}) });
    expect(answer.status, answer.text).toBe(422);
    expectConforms(operationId, answer);
    // Prism answers with the example error; the sandbox names the offending field.
    if (target.stateful) expect(Object.keys(answer.json.ModelState)).toEqual([field]);
  });

  it('answers an unknown route with 404 and a wrong method with 405', async () => {
    expect((await fetch(`${target.url}/v1/PhoneChat/Nope`, { headers: { Authorization: 'bearer client-token' } })).status).toBe(404);
    expect((await fetch(`${target.url}/v1/PhoneChat/CancelMadeBooking`, { headers: { Authorization: 'bearer client-token' } })).status).toBe(405);
  });
});
