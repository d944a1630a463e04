import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, startSandbox, type RunningSandbox } from '../src/index.js';
import { parseLocalDateTime, formatLocalDateTime, DateOutOfRange } from '../src/clock.js';
import { nestsDeeperThan } from '../src/json.js';
import { admin, call, expectConforms, seedData } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true });
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  expect((await admin(sandbox.url, 'POST', '/reset')).status).toBe(200);
});

const reschedule = (id: number, now: string) => call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: id }, headers: { 'X-Sandbox-Now': now } });
const bookings = async () => (await admin(sandbox.url, 'GET', '/state')).json.bookings.PhoneChat as Array<{ Item: Record<string, unknown> }>;

describe('date-times stay on the calendar and inside years 0001..9999', () => {
  it.each(['2026-01-01T10:99:99', '2026-01-01T24:00:00', '2026-01-01T10:60', '2018-02-29T10:00:00', '2018-13-01T00:00:00', '0000-01-01T00:00:00', '10000-01-01T00:00:00', '2018-01-01', '2018-01-01T10:00:00Z'])(
    'X-Sandbox-Now %j → 422 naming the header',
    async (now) => {
      const answer = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'x' }, headers: { 'X-Sandbox-Now': now } });
      expect(answer.status).toBe(422);
      expectConforms('cancelPhoneChatMadeBooking', answer);
      expect(Object.keys(answer.json.ModelState)).toEqual(['X-Sandbox-Now']);
    },
  );

  it('reads the edges of the range and refuses to write past them', () => {
    expect(formatLocalDateTime(parseLocalDateTime('0001-01-01T00:00:00')!)).toBe('0001-01-01T00:00:00');
    expect(formatLocalDateTime(parseLocalDateTime('9999-12-31T23:59:59.9999999')!)).toBe('9999-12-31T23:59:59.999');
    expect(formatLocalDateTime(parseLocalDateTime('2024-02-29T23:59')!)).toBe('2024-02-29T23:59:00');
    expect(() => formatLocalDateTime(parseLocalDateTime('9999-12-31T23:59:59.999')! + 1)).toThrow(DateOutOfRange);
    expect(() => formatLocalDateTime(parseLocalDateTime('0001-01-01T00:00:00')! - 1)).toThrow(DateOutOfRange);
  });

  it('refuses a reschedule whose new SessionDate would fall in year 10000, and stores nothing', async () => {
    const before = await bookings();
    const answer = await reschedule(13, '9999-12-31T23:58:00');
    expect(answer.status).toBe(422);
    expectConforms('reschedulePhoneChatMadeBooking', answer);
    expect(answer.json.ModelState['X-Sandbox-Now'][0]).toMatch(/outside 0001-01-01T00:00:00\.\.9999-12-31T23:59:59\.9999999/);
    expect(await bookings()).toEqual(before);
    // The last moment that still leaves room: the new session is 9999-12-31T23:59.
    const last = await reschedule(13, '9999-12-31T23:54:00');
    expect(last.status, last.text).toBe(200);
    expect(last.json.SessionDate).toBe('9999-12-31T23:59:00');
  });

  it('refuses the same clock on the admin route and at start-up', async () => {
    for (const now of ['2026-01-01T10:99:99', '0000-12-31T00:00:00', '2018-02-30T00:00:00', 5]) {
      const answer = await admin(sandbox.url, 'PUT', '/clock', { now });
      expect(answer.status).toBe(422);
      expect(answer.json.ModelState.now[0]).toMatch(/0001 to 9999/);
    }
    expect(() => createSandbox({ clock: '2026-01-01T10:99:99' })).toThrow(/not a date-time/);
  });

  it('refuses seed data holding a date-time that does not exist', async () => {
    const data = seedData();
    data.bookings.PhoneChat[0].Item.SessionDate = '2018-02-31T20:00:00';
    const answer = await admin(sandbox.url, 'PUT', '/state', data);
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.json.ModelState)).toMatch(/SessionDate \(2018-02-31T20:00:00\) is not a date-time that exists/);
  });
});

describe('IDs stay Int32s from 1 to 2147483647', () => {
  it('refuses a reschedule whose new booking would need ID 2147483648, without wrapping', async () => {
    const data = seedData();
    data.bookings.PhoneChat.find((r: any) => r.Item.BookingID === 13).Item.BookingID = 2147483647;
    expect((await admin(sandbox.url, 'PUT', '/state', data)).status).toBe(200);
    const answer = await reschedule(2147483647, '2018-03-06T00:00:00');
    expect(answer.status).toBe(422);
    expectConforms('reschedulePhoneChatMadeBooking', answer);
    expect(answer.json.ModelState.BookingID[0]).toMatch(/IDs end at 2147483647/);
    const ids = (await bookings()).map((r) => r.Item.BookingID as number);
    expect(ids.every((id) => id >= 1 && id <= 2147483647)).toBe(true);
    expect(ids).toHaveLength(data.bookings.PhoneChat.length);
  });

  it.each([
    ['a booking ID past Int32', (d: any) => (d.bookings.PhoneChat[0].Item.BookingID = 2147483648)],
    ['a user ID past Int32', (d: any) => (d.users[0].UserID = 2147483648)],
    ['a group ID of 0', (d: any) => (d.groups[0].GroupID = 0)],
    ['a client user ID past Int32', (d: any) => (d.bookings.PhoneChat[0].ClientUserID = 2 ** 40)],
  ])('refuses seed data with %s', async (_label, change) => {
    const data = seedData();
    change(data);
    expect((await admin(sandbox.url, 'PUT', '/state', data)).status).toBe(422);
  });

  it('refuses request IDs past Int32 (body and query)', async () => {
    const cancel = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 2147483648, Reason: 'x' } });
    expect(cancel.status).toBe(422);
    const group = await call(sandbox.url, 'listGroupMemberPhoneChatMadeBookings', { token: 'manager-token', query: 'UserID=2147483648' });
    expect(group.status).toBe(422);
    expectConforms('listGroupMemberPhoneChatMadeBookings', group);
  });
});

describe('every body has a size and a depth limit', () => {
  it('counts nesting outside strings only', () => {
    expect(nestsDeeperThan(Buffer.from('[[1]]'), 2)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[[[1]]]'), 2)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":"[[[[\\"[[["}'), 2)).toBe(false);
  });

  it('answers a deeply nested reseed with 422, not 500', async () => {
    const answer = await admin(sandbox.url, 'PUT', '/state', `{"users": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(answer.status).toBe(422);
    expect(answer.json.ModelState.body[0]).toMatch(/more than 32 levels deep/);
    const clock = await admin(sandbox.url, 'PUT', '/clock', `{"now": ${'{"a":'.repeat(50)}1${'}'.repeat(50)}}`);
    expect(clock.status).toBe(422);
  });

  it('answers an admin body over its limit with 413', async () => {
    const small = await startSandbox({ adminBodyLimit: 1024 });
    try {
      const answer = await admin(small.url, 'PUT', '/state', { users: [], pad: 'x'.repeat(2048) });
      expect(answer.status).toBe(413);
      expect(answer.json.Message).toMatch(/admin limit of 1024 bytes/);
    } finally {
      await small.stop();
    }
  });
});

describe('a refused change leaves a state file the sandbox can serve again', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'sandbox-bounds-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('restarts from the file after a refused reschedule at the end of year 9999', async () => {
    const file = join(directory, 'state.json');
    const first = await startSandbox({ stateFile: file, checkResponses: true });
    const refused = await call(first.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: { 'X-Sandbox-Now': '9999-12-31T23:58:00' } });
    expect(refused.status).toBe(422);
    await first.stop();
    expect(readFileSync(file, 'utf8')).not.toMatch(/\+0100/);
    const second = await startSandbox({ stateFile: file, checkResponses: true });
    const page = await call(second.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' });
    expect(page.status).toBe(200);
    expectConforms('listPhoneChatMadeBookings', page);
    await second.stop();
  });
});
