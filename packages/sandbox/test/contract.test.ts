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
  ['sandbox', async () => ({ name: 'sandbox', stateful: true, ...(await startSandbox({ checkResponses: true })) })],
];

const validCalls: Array<{ operationId: string; token?: string; query?: string; body?: unknown; xml: boolean }> = [
  { operationId: 'listPhoneChatMadeBookings', query: 'OrderBy=sessiondate-asc&BookingsPerPage=10', xml: true },
  { operationId: 'listGroupMemberPhoneChatMadeBookings', token: 'manager-token', query: 'UserID=1001&BookingsPerPage=10', xml: true },
  { operationId: 'cancelPhoneChatMadeBooking', body: { BookingID: 11, Reason: "I've had something come up" }, xml: true },
  { operationId: 'reschedulePhoneChatMadeBooking', body: { BookingID: 13 }, xml: true },
  { operationId: 'deletePhoneChatMadeBookings', body: { BookingIDs: '14,15' }, xml: true },
  { operationId: 'cancelWebcamMadeBooking', body: { BookingID: 2, Reason: "I can't make it." }, xml: true },
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
    expect(new Set(validCalls.map((c) => c.operationId))).toEqual(new Set(operations.keys()));
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
