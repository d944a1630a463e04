import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from './child.js';
import { call } from './helpers.js';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sandbox-crash-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const later = { 'X-Sandbox-Now': '2018-03-06T00:00:00' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every PhoneChat booking of the client, page by page through the API. */
async function allBookings(url: string): Promise<Map<number, any>> {
  const found = new Map<number, any>();
  for (let page = 1; page <= 1000; page++) {
    const answer = await call(url, 'listPhoneChatMadeBookings', { query: `BookingsPerPage=100&PageNumber=${page}` });
    expect(answer.status).toBe(200);
    for (const booking of answer.json.Bookings) found.set(booking.BookingID, booking);
    if (page >= answer.json.PageCount) break;
  }
  return found;
}

async function stopped(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
}

describe('crashes', () => {
  it('loses no acknowledged write and leaves no stray file when SIGKILLed at random moments, compaction included', async () => {
    const own = join(directory, 'killed');
    mkdirSync(own);
    const file = join(own, 'state.journal');
    // Compact whenever anything was appended: most moments are inside a compaction.
    // Reads happen at the time the writes are made, before any rescheduled booking's AcceptBy.
    const args = ['--port', '0', '--state', file, '--compact-bytes', '1', '--compact-ratio', '0', '--clock', '2018-03-06T00:00:00'];
    /** Booking ID → the status an acknowledged write left it in. */
    const expected = new Map<number, 'Pending' | 'Cancelled'>();
    /** Cancels sent without an answer (the process died first): either outcome is right. */
    const unanswered = new Set<number>();
    let killedDuringCompaction = 0;
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      const child = await startChild(args);
      let running = true;
      const cancellable = [...expected].filter(([, status]) => status === 'Pending').map(([id]) => id);
      const worker = async () => {
        // Bounded: a round lasts well under a second, so 400 requests per worker is never reached.
        for (let i = 0; running && i < 400; i++) {
          try {
            const id = Math.random() < 0.4 ? cancellable.pop() : undefined;
            if (id !== undefined) {
              unanswered.add(id);
              const answer = await call(child.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: id, Reason: `round ${round}` }, headers: later });
              unanswered.delete(id);
              if (answer.status === 200) expected.set(id, 'Cancelled');
            } else {
              const answer = await call(child.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later });
              if (answer.status === 200) {
                expected.set(answer.json.BookingID, 'Pending');
                cancellable.unshift(answer.json.BookingID);
              }
            }
          } catch {
            return; // the process is gone
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      // Some writes of every round must have been acknowledged before the kill (bounded wait).
      const target = expected.size + 3;
      for (let i = 0; i < 500 && expected.size < target; i++) await sleep(10);
      if (round % 2 === 0) await sleep(Math.random() * 500);
      else {
        // Wait for a compaction to be under way, then kill in the middle of it.
        for (let i = 0; i < 1500 && !existsSync(`${file}.compact`); i++) await sleep(2);
        await sleep(Math.random() * 5);
      }
      if (existsSync(`${file}.compact`)) killedDuringCompaction++;
      child.process.kill('SIGKILL');
      running = false;
      expect((await child.exited).signal).toBe('SIGKILL');
      await Promise.all(workers);

      const revived = await startChild(args);
      expect(readdirSync(own)).toEqual(['state.journal']);
      const bookings = await allBookings(revived.url);
      for (const id of unanswered) {
        const status = bookings.get(id)?.Status;
        expect(['Pending', 'Cancelled']).toContain(status);
        expected.set(id, status);
      }
      unanswered.clear();
      const missing = [...expected].filter(([id, status]) => bookings.get(id)?.Status !== status);
      expect(missing, `acknowledged writes lost in round ${round}`).toEqual([]);
      await stopped(revived);
      expect(readdirSync(own)).toEqual(['state.journal']);
    }
    expect(expected.size).toBeGreaterThanOrEqual(rounds * 3);
    expect(killedDuringCompaction).toBeGreaterThan(0);
  }, 120_000);

  it('answers 503 when the disk really refuses a write, keeps serving reads, and keeps what it acknowledged', async () => {
    const own = join(directory, 'limited');
    mkdirSync(own);
    const file = join(own, 'state.journal');
    const args = ['--port', '0', '--state', file];
    const first = await startChild(args);
    await stopped(first);
    // Room for a few more records, then the file may grow no further (EFBIG, as from a full disk).
    const limit = Math.ceil((statSync(file).size + 8 * 1024) / 512);
    const limited = await startChild(args, { fileSizeLimit: limit });
    const before = (await allBookings(limited.url)).size;
    const acknowledged: number[] = [];
    let refused: { status: number; json?: any } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const answer = await call(limited.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later });
      if (answer.status === 200) acknowledged.push(answer.json.BookingID);
      else refused = answer;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.json.Message).toMatch(/not made.*EFBIG/);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Nothing of the failed write is visible, and reads still work.
    expect((await allBookings(limited.url)).size).toBe(before + acknowledged.length);
    expect((await call(limited.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later })).status).toBe(503);
    await stopped(limited);

    const revived = await startChild(args);
    const bookings = await allBookings(revived.url);
    expect(bookings.size).toBe(before + acknowledged.length);
    for (const id of acknowledged) expect(bookings.has(id)).toBe(true);
    // The IDs the failed writes took are handed out again.
    const next = await call(revived.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later });
    expect(next.json.BookingID).toBe(Math.max(...acknowledged) + 1);
    await stopped(revived);
    expect(readdirSync(own)).toEqual(['state.journal']);
  }, 60_000);
});
