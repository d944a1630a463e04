import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { createSandbox } from '../src/server.js';
import { nodeIo, type StoreIo } from '../src/store/io.js';
import { encodeRecord, JOURNAL_MAGIC } from '../src/store/records.js';
import { call, seedData } from './helpers.js';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
/** A fresh state file in a directory of its own, so that stray files can be counted. */
function stateFile(): string {
  const own = join(directory, `case-${++files}`);
  return join(own, 'state.journal');
}

const at = { 'X-Sandbox-Now': '2018-03-04T12:00:00' };
const later = { 'X-Sandbox-Now': '2018-03-06T00:00:00' };

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** node:fs, except where a test says an operation fails (or waits for it to say go on). */
function faultyIo() {
  const faults: { write?: string; fsync?: string; open?: string; tornWrite?: boolean; holdFsync?: Promise<void> } = {};
  let fsyncs = 0;
  const io: StoreIo = {
    ...nodeIo,
    open: (path, mode) => (faults.open ? Promise.reject(errno(faults.open)) : nodeIo.open(path, mode)),
    write: async (fd, data, position) => {
      if (faults.tornWrite) {
        // Half the bytes reach the file, then the device gives up.
        await nodeIo.write(fd, data.subarray(0, data.length >> 1), position);
        throw errno('EIO');
      }
      if (faults.write) throw errno(faults.write);
      return nodeIo.write(fd, data, position);
    },
    fsync: async (fd) => {
      fsyncs++;
      if (faults.holdFsync) await faults.holdFsync;
      if (faults.fsync) throw errno(faults.fsync);
      return nodeIo.fsync(fd);
    },
  };
  return { io, faults, fsyncs: () => fsyncs };
}

async function start(file: string, options: Parameters<typeof createSandbox>[0] = {}) {
  const { server, state: core, adminToken } = createSandbox({ stateFile: file, checkResponses: true, onError: () => undefined, clock: '2018-03-01T00:00:00', ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await core.store.close();
  };
  return { url, core, adminToken, stop };
}

const booking = async (url: string, id: number) =>
  ((await call(url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json.Bookings as any[]).find((b) => b.BookingID === id);

describe('a write that cannot be made durable', () => {
  for (const [where, code] of [
    ['write', 'ENOSPC'],
    ['write', 'EACCES'],
    ['fsync', 'EIO'],
  ] as const) {
    it(`answers 503 and leaves memory as it was (${code} on ${where})`, async () => {
      const file = stateFile();
      const { io, faults } = faultyIo();
      const sandbox = await start(file, { storeIo: io });
      faults[where] = code;
      const failed = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Lost' }, headers: at });
      expect(failed.status).toBe(503);
      expect(failed.json.Message).toContain(code);
      expect(failed.json.Message).toMatch(/not made/);
      expect((await booking(sandbox.url, 11)).Status).toBe('Pending');
      // The retry is a first try: not a 409 for a change that was never stored.
      delete faults[where];
      const retried = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Kept' }, headers: at });
      expect(retried.status).toBe(200);
      await sandbox.stop();
      const revived = await start(file);
      expect(await booking(revived.url, 11)).toMatchObject({ Status: 'Cancelled', CancelledReason: 'Kept' });
      await revived.stop();
    });
  }

  it('undoes every change of the failed batch, and IDs given out in it are given again', async () => {
    const file = stateFile();
    const { io, faults } = faultyIo();
    const sandbox = await start(file, { storeIo: io });
    const before = (await call(sandbox.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json;
    let release!: () => void;
    faults.holdFsync = new Promise((resolve) => (release = resolve));
    faults.fsync = 'EIO';
    const answers = Promise.all([
      ...Array.from({ length: 8 }, () => call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later })),
      call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Lost' }, headers: at }),
      call(sandbox.url, 'deletePhoneChatMadeBookings', { body: { BookingIDs: '14,15' } }),
    ]);
    // Let every request reach the store before the first fsync answers.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    for (const answer of await answers) expect(answer.status).toBe(503);
    delete faults.fsync;
    delete faults.holdFsync;
    expect((await call(sandbox.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json).toEqual(before);
    const next = await call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later });
    expect(next.status).toBe(200);
    expect(next.json.BookingID).toBe(302);
    await sandbox.stop();
    const revived = await start(file);
    const after = (await call(revived.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json;
    expect(after.BookingsTotal).toBe(before.BookingsTotal + 1);
    await revived.stop();
  });

  it('cuts off what a torn append left before the next one', async () => {
    const file = stateFile();
    const { io, faults } = faultyIo();
    const sandbox = await start(file, { storeIo: io });
    const size = statSync(file).size;
    faults.tornWrite = true;
    expect((await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Lost' }, headers: at })).status).toBe(503);
    expect(statSync(file).size).toBe(size);
    faults.tornWrite = false;
    expect((await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 12, Reason: 'Kept' }, headers: at })).status).toBe(200);
    await sandbox.stop();
    const revived = await start(file);
    expect((await booking(revived.url, 11)).Status).toBe('Pending');
    expect((await booking(revived.url, 12)).Status).toBe('Cancelled');
    await revived.stop();
  });

  it('answers a reset it cannot save with 503 and keeps the data', async () => {
    const file = stateFile();
    const { io, faults } = faultyIo();
    const sandbox = await start(file, { storeIo: io });
    expect((await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Kept' }, headers: at })).status).toBe(200);
    faults.write = 'ENOSPC';
    const reset = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST', headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
    expect(reset.status).toBe(503);
    expect(((await reset.json()) as { Message: string }).Message).toContain('ENOSPC');
    expect((await booking(sandbox.url, 11)).Status).toBe('Cancelled');
    await sandbox.stop();
  });
});

describe('group commit', () => {
  it('keeps answering reads while writes wait for their fsync, and lets waiting writes share one', async () => {
    const file = stateFile();
    const { io, faults, fsyncs } = faultyIo();
    const sandbox = await start(file, { storeIo: io });
    let release!: () => void;
    faults.holdFsync = new Promise((resolve) => (release = resolve));
    let settled = 0;
    const writes = Array.from({ length: 10 }, () =>
      call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later }).then((answer) => {
        settled++;
        return answer;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const read = await call(sandbox.url, 'listPhoneChatMadeBookings');
    expect(read.status).toBe(200);
    expect(settled).toBe(0);
    const before = fsyncs();
    delete faults.holdFsync;
    release();
    for (const answer of await Promise.all(writes)) expect(answer.status).toBe(200);
    // The first write's fsync was held; the other nine waited behind it and went in one more.
    expect(fsyncs() - before).toBeLessThanOrEqual(2);
    await sandbox.stop();
  });
});

describe('the journal file', () => {
  it('drops a torn last record at start-up and cuts it off', async () => {
    const file = stateFile();
    const first = await start(file);
    expect((await call(first.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Kept' }, headers: at })).status).toBe(200);
    await first.stop();
    const whole = statSync(file).size;
    const record = encodeRecord([['del', 'PhoneChatMadeBooking', 12]]);
    appendFileSync(file, record.subarray(0, record.length - 3));
    const second = await start(file);
    expect(statSync(file).size).toBe(whole);
    expect((await booking(second.url, 11)).Status).toBe('Cancelled');
    expect(await booking(second.url, 12)).toBeDefined();
    await second.stop();
    // A tail of zeros (a crash after the size grew, before the data landed) is torn too.
    appendFileSync(file, Buffer.alloc(40));
    const third = await start(file);
    expect(statSync(file).size).toBe(whole);
    await third.stop();
  });

  it('refuses to start on damage before the last record, naming where it is', async () => {
    const file = stateFile();
    const first = await start(file);
    expect((await call(first.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Kept' }, headers: at })).status).toBe(200);
    expect((await call(first.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 12, Reason: 'Kept' }, headers: at })).status).toBe(200);
    await first.stop();
    const bytes = readFileSync(file);
    // Flip a byte inside the first record's payload.
    bytes[JOURNAL_MAGIC.length + 20] ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => createSandbox({ stateFile: file })).toThrow(/record at byte 28 fails its checksum, and \d+ bytes of records follow it/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it.each([
    ['the whole-file format', (data: unknown) => JSON.stringify({ format: 'adultwork-sandbox-state/1', lastIds: {}, data })],
    ['the first journal format', () => 'adultwork-sandbox-journal/1\n'],
  ])('refuses a state file of %s with a message saying why, and leaves it alone', async (_label, contents) => {
    const file = stateFile();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, contents(seedData()));
    const before = readFileSync(file);
    expect(() => createSandbox({ stateFile: file })).toThrow(/written by an earlier sandbox.*cannot be migrated.*Move it away/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('compaction', () => {
  it('rewrites the journal as a snapshot and loses nothing', async () => {
    const file = stateFile();
    const sandbox = await start(file, { compaction: { compactBytes: 64 * 1024, compactRatio: 0 } });
    const made: number[] = [];
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later })));
      for (const answer of answers) made.push(answer.json.BookingID);
    }
    // Delete most of them: a snapshot then holds far less than the journal did.
    const deleted = made.slice(0, 150);
    for (let i = 0; i < deleted.length; i += 50) {
      // A rescheduled booking is Pending, which delete refuses: cancel first.
      for (const id of deleted.slice(i, i + 50)) await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: id, Reason: 'x' }, headers: later });
      await call(sandbox.url, 'deletePhoneChatMadeBookings', { body: { BookingIDs: deleted.slice(i, i + 50).join(',') } });
    }
    await sandbox.core.store.settled();
    const stats = sandbox.core.store.journalStats()!;
    expect(stats.tailBytes).toBeLessThan(64 * 1024 + 2048);
    expect(stats.size).toBe(statSync(file).size);
    await sandbox.stop();
    expect(readdirSync(join(file, '..'))).toEqual(['state.journal']);
    const revived = await start(file);
    const ids = ((await call(revived.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json.Bookings as any[]).map((b) => b.BookingID);
    expect(ids).toEqual(expect.arrayContaining(made.slice(150)));
    for (const id of deleted) expect(ids).not.toContain(id);
    await revived.stop();
  });

  it('keeps writing when a compaction fails, and leaves no temporary file', async () => {
    const file = stateFile();
    const { io, faults } = faultyIo();
    const problems: unknown[] = [];
    const sandbox = await start(file, { storeIo: io, compaction: { compactBytes: 1, compactRatio: 0 }, onError: (error) => problems.push(error) });
    faults.open = 'ENOSPC';
    for (let i = 0; i < 5; i++) {
      expect((await call(sandbox.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: later })).status).toBe(200);
    }
    await sandbox.core.store.settled();
    expect(String(problems[0])).toMatch(/Compaction .* failed/);
    expect(existsSync(`${file}.compact`)).toBe(false);
    delete faults.open;
    await sandbox.stop();
  });
});

describe('start-up', () => {
  it('takes the seed when there is no state file, and a fresh directory is made for it', async () => {
    const file = stateFile();
    const sandbox = await startSandbox({ stateFile: file });
    expect(readFileSync(file).subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)).toBe(true);
    await sandbox.stop();
  });
});
