import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { cli, startChild } from './child.js';
import { admin, call } from './helpers.js';

let directory: string;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build -w @adultwork-api/sandbox" first');
  directory = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const at = { 'X-Sandbox-Now': '2018-03-04T12:00:00' };

describe('persistence', () => {
  it('keeps every acknowledged change across a restart (in process)', async () => {
    const file = join(directory, 'in-process.json');
    const first = await startSandbox({ stateFile: file, clock: '2018-03-01T00:00:00' });
    expect(existsSync(file)).toBe(true);
    expect((await call(first.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 11, Reason: 'Kept' }, headers: at })).status).toBe(200);
    await first.stop();
    const second = await startSandbox({ stateFile: file, clock: '2018-03-01T00:00:00' });
    const page = await call(second.url, 'listPhoneChatMadeBookings');
    expect(page.json.Bookings.find((b: any) => b.BookingID === 11)).toMatchObject({ Status: 'Cancelled', CancelledReason: 'Kept' });
    // A reset is a change like any other.
    await admin(second.url, 'POST', '/reset');
    await second.stop();
    const third = await startSandbox({ stateFile: file, clock: '2018-03-01T00:00:00' });
    expect((await call(third.url, 'listPhoneChatMadeBookings')).json.Bookings.find((b: any) => b.BookingID === 11).Status).toBe('Pending');
    await third.stop();
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('loses nothing it acknowledged when the process is SIGKILLed', async () => {
    const file = join(directory, 'killed.json');
    const child = await startChild(['--port', '0', '--state', file]);
    const acknowledged: number[] = [];
    expect((await call(child.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 12, Reason: 'Before the crash' }, headers: at })).status).toBe(200);
    expect((await call(child.url, 'deletePhoneChatMadeBookings', { body: { BookingIDs: '14,15' } })).json.every((r: any) => r.Deleted)).toBe(true);
    // Twenty reschedules at once: every one acknowledged must survive.
    const made = await Promise.all(
      Array.from({ length: 20 }, () => call(child.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: { 'X-Sandbox-Now': '2018-03-06T00:00:00' } })),
    );
    for (const answer of made) {
      expect(answer.status).toBe(200);
      acknowledged.push(answer.json.BookingID);
    }
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const revived = await startChild(['--port', '0', '--state', file]);
    const bookings = (await call(revived.url, 'listPhoneChatMadeBookings', { query: 'BookingsPerPage=100' })).json.Bookings as any[];
    const ids = bookings.map((b) => b.BookingID);
    expect(ids).toEqual(expect.arrayContaining([11, 12, 13, ...acknowledged]));
    expect(ids).not.toContain(14);
    expect(ids).not.toContain(15);
    expect(bookings.find((b) => b.BookingID === 12).CancelledReason).toBe('Before the crash');
    // IDs keep counting from where they were.
    const next = await call(revived.url, 'reschedulePhoneChatMadeBooking', { body: { BookingID: 13 }, headers: { 'X-Sandbox-Now': '2018-03-06T00:00:00' } });
    expect(next.json.BookingID).toBe(Math.max(...acknowledged) + 1);
    revived.process.kill('SIGTERM');
    expect(await revived.exited).toEqual({ code: 0, signal: null });
    expect(readFileSync(file, 'latin1').startsWith('adultwork-sandbox-journal/2\n')).toBe(true);
  });

  it('refuses to start on a state file it cannot trust, instead of reseeding over it', async () => {
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{"format": "something-else"}');
    await expect(startSandbox({ stateFile: file, clock: '2018-03-01T00:00:00' })).rejects.toThrow(/not a sandbox journal/);
    writeFileSync(file, '{ torn');
    await expect(startSandbox({ stateFile: file, clock: '2018-03-01T00:00:00' })).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('{ torn');
  });
});

describe('command line', () => {
  it('prints its URL, takes SANDBOX_PORT, and stops cleanly on SIGINT', async () => {
    const probe = await startSandbox();
    const port = probe.port;
    await probe.stop();
    const child = await startChild([], { env: { SANDBOX_PORT: String(port) } });
    expect(child.url).toBe(`http://127.0.0.1:${port}`);
    expect((await call(child.url, 'listPhoneChatMadeBookings')).status).toBe(200);
    child.process.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  });

  it('fails with a clear message on a bad port or seed', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (c) => (err += c));
        child.once('exit', (code) => resolve({ code, err }));
      });
    const badPort = await run(['--port', 'abc']);
    expect(badPort.code).toBe(1);
    expect(badPort.err).toMatch(/Invalid port "abc"/);
    const badCompaction = await run(['--port', '0', '--compact-bytes', 'lots']);
    expect(badCompaction.code).toBe(1);
    expect(badCompaction.err).toMatch(/Invalid --compact-bytes "lots"/);
    const seed = join(directory, 'bad-seed.json');
    writeFileSync(seed, JSON.stringify({ users: [], tokens: [{ Token: 't', UserID: 5, Scopes: [] }], groups: [], bookings: {} }));
    const badSeed = await run(['--port', '0', '--seed', seed]);
    expect(badSeed.code).toBe(1);
    expect(badSeed.err).toMatch(/Unknown UserID 5/);
  });
});
