import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { admin, call, expectConforms, seedData } from './helpers.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ checkResponses: true });
});
afterAll(() => sandbox.stop());

/** A user with `count` bookings whose session dates repeat, so that ties must fall back to ID order. */
async function seedWith(count: number) {
  const data = seedData();
  const template = data.bookings.PhoneChat.find((r: any) => r.Item.BookingID === 11).Item;
  data.bookings.PhoneChat = data.bookings.PhoneChat.filter((r: any) => r.ClientUserID !== 1004);
  for (let i = 0; i < count; i++) {
    // IDs out of order, dates in five buckets, nicknames in three cases.
    const id = 5000 + ((i * 7919) % 1000);
    const day = String(1 + ((i * 3) % 5)).padStart(2, '0');
    data.bookings.PhoneChat.push({
      ClientUserID: 1004,
      PerformerUserID: template.Candidate.UserID,
      Item: { ...template, BookingID: id, SessionDate: `2018-04-${day}T10:00:00`, Candidate: { ...template.Candidate, Nickname: ['anna', 'Anna', 'ben'][i % 3] } },
    });
  }
  expect((await admin(sandbox.url, 'PUT', '/state', data)).status).toBe(200);
  return data.bookings.PhoneChat.filter((r: any) => r.ClientUserID === 1004).map((r: any) => r.Item);
}

describe('list order', () => {
  it.each([3, 16, 17, 60])('orders %i bookings by key, then by ascending ID, on every page', async (count) => {
    const items = await seedWith(count);
    for (const [orderBy, key, sign] of [
      ['sessiondate-desc', (b: any) => b.SessionDate, -1],
      ['nickname-asc', (b: any) => b.Candidate.Nickname.toLowerCase(), 1],
    ] as const) {
      const expected = [...items].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || a.BookingID - b.BookingID).map((b) => b.BookingID);
      const seen: number[] = [];
      for (let page = 1; page <= Math.ceil(count / 7); page++) {
        const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { token: 'empty-token', query: `OrderBy=${orderBy}&BookingsPerPage=7&PageNumber=${page}` });
        expectConforms('listPhoneChatMadeBookings', answer);
        seen.push(...answer.json.Bookings.map((b: any) => b.BookingID));
      }
      expect(seen).toEqual(expected);
    }
  });
});
