import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalDate, parseLocalDateTime } from '../src/clock.js';
import { createSandbox } from '../src/server.js';
import { SortedList } from '../src/store/sorted-list.js';
import { call, operations, seedData, spec } from './helpers.js';

/**
 * Lists are answered from indexes kept up to date as the data changes. These tests compare every
 * order, filter and page with a plain filter-and-sort of the whole data set, after a random mix
 * of changes, so that an index that drifts from the data shows up.
 */
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sandbox-lists-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function bigSeed(next: () => number): string {
  const seed = seedData();
  const template = seed.bookings.PhoneChat.find((r: any) => r.Item.BookingID === 11).Item;
  const nicknames = ['alpha', 'Alpha', 'beta', 'Gamma', 'gamma', 'delta'];
  const statuses = ['Pending', 'Accepted', 'Confirmed', 'Cancelled', 'Rejected'];
  for (let i = 0; i < 300; i++) {
    // Few distinct dates and names, so that equal keys (and their ID tie-break) are common.
    const created = `2018-${pad(1 + Math.floor(next() * 3))}-${pad(1 + Math.floor(next() * 4))}T10:00:00`;
    const session = `2018-${pad(4 + Math.floor(next() * 3))}-${pad(1 + Math.floor(next() * 3))}T20:00:00`;
    seed.bookings.PhoneChat.push({
      ClientUserID: 1001,
      PerformerUserID: template.Candidate.UserID,
      Item: {
        ...template,
        BookingID: 5000 + Math.floor(next() * 1_000_000) * 10 + (i % 10),
        CreateDate: created,
        SessionDate: session,
        Status: statuses[Math.floor(next() * statuses.length)],
        Candidate: { ...template.Candidate, Nickname: nicknames[Math.floor(next() * nicknames.length)] },
      },
    });
  }
  const seen = new Set<number>();
  seed.bookings.PhoneChat = seed.bookings.PhoneChat.filter((r: any) => !seen.has(r.Item.BookingID) && seen.add(r.Item.BookingID));
  const file = join(directory, 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

function keyOf(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return '';
  return parseLocalDateTime(value) ?? value.toLowerCase();
}

const path = (item: any, dotted: string) => dotted.split('.').reduce((value, key) => value?.[key], item);

describe('lists answered from indexes', () => {
  it('match a plain filter and sort of the whole data, after any mix of changes', async () => {
    const next = random(20180304);
    const { server, state: core } = createSandbox({ seed: bigSeed(next), checkResponses: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const list = operations.get('listPhoneChatMadeBookings')!.op['x-adultwork-list'];
    const orderBy: string[] = spec.components.schemas.PhoneChatMadeBookingsOrderBy.enum;
    try {
      const check = async () => {
        const all = core.store.snapshot().bookings.PhoneChat!.filter((r) => r.ClientUserID === 1001 && !r.DeletedBy?.includes('client')).map((r) => r.Item);
        for (const order of [undefined, ...orderBy]) {
          for (const startDate of [undefined, '2018-02-02', '2018-03-03', '2019-01-01', '2030-01-01']) {
            const from = startDate ? parseLocalDate(startDate)! : undefined;
            // Without OrderBy the schema's default applies.
            const [, key, direction] = /^(.+)-(asc|desc)$/.exec(order ?? spec.components.schemas.PhoneChatMadeBookingsOrderBy.default)!;
            const field = key ? list.sort.fields[key] : undefined;
            const sign = direction === 'desc' ? -1 : 1;
            const expected = all
              .filter((item) => from === undefined || (parseLocalDateTime(String(item.CreateDate)) ?? -Infinity) >= from)
              .sort((a, b) => {
                const ka = field ? keyOf(path(a, field)) : 0;
                const kb = field ? keyOf(path(b, field)) : 0;
                return sign * (ka < kb ? -1 : ka > kb ? 1 : 0) || (a.BookingID as number) - (b.BookingID as number);
              })
              .map((item) => item.BookingID);
            for (const size of [7, 100]) {
              const pages = Math.ceil(expected.length / size);
              for (const page of new Set([1, 2, Math.max(1, pages), pages + 1])) {
                const query = [order && `OrderBy=${order}`, startDate && `StartDate=${startDate}`, `BookingsPerPage=${size}`, `PageNumber=${page}`].filter(Boolean).join('&');
                const answer = await call(url, 'listPhoneChatMadeBookings', { query });
                expect(answer.status).toBe(200);
                const label = `${query} after changes`;
                expect(answer.json.BookingsTotal, label).toBe(expected.length);
                expect(answer.json.PageCount, label).toBe(pages);
                expect(answer.json.Bookings.map((b: any) => b.BookingID), label).toEqual(expected.slice((page - 1) * size, page * size));
              }
            }
          }
        }
      };
      await check();
      const headers = { 'X-Sandbox-Now': '2019-01-01T12:00:00' };
      for (let round = 0; round < 3; round++) {
        const ids = core.store.snapshot().bookings.PhoneChat!.filter((r) => r.ClientUserID === 1001 && !r.DeletedBy?.includes('client')).map((r) => r.Item.BookingID as number);
        const pick = () => ids[Math.floor(next() * ids.length)]!;
        for (let i = 0; i < 40; i++) {
          const choice = next();
          if (choice < 0.4) await call(url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: pick() }, headers });
          else if (choice < 0.7) await call(url, 'cancelPhoneChatMadeBooking', { body: { BookingID: pick(), Reason: 'x' }, headers });
          else await call(url, 'deletePhoneChatMadeBookings', { body: { BookingIDs: `${pick()},${pick()}` } });
        }
        await check();
      }
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }, 120_000);
});

describe('SortedList', () => {
  it('keeps (key, id) order through inserts and removals across many chunks', () => {
    const next = random(7);
    for (const descending of [false, true]) {
      const list = new SortedList<number>(descending);
      const model: Array<{ key: number | string; id: number }> = [];
      for (let i = 0; i < 5000; i++) {
        if (model.length > 0 && next() < 0.3) {
          const [gone] = model.splice(Math.floor(next() * model.length), 1);
          expect(list.remove(gone!.key, gone!.id)).toBe(true);
        } else {
          const entry = { key: next() < 0.1 ? '' : Math.floor(next() * 50), id: i };
          model.push(entry);
          list.insert({ ...entry, value: entry.id });
        }
      }
      expect(list.remove(12345, -1)).toBe(false);
      model.sort((a, b) => list.compare(a, b));
      expect(list.size).toBe(model.length);
      expect(list.slice(0, list.size)).toEqual(model.map((entry) => entry.id));
      expect(list.slice(1000, 1010)).toEqual(model.slice(1000, 1010).map((entry) => entry.id));
      // Text keys (a missing field) come before numbers ascending, after them descending.
      expect(typeof model[0]!.key).toBe(descending ? 'number' : 'string');
      const probe = { key: 25, id: -Infinity };
      expect(list.rank(probe)).toBe(model.filter((entry) => list.compare(entry, probe) < 0).length);
    }
  });
});
