import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, parseLocalDateTime, wallClockIn } from '../src/clock.js';
import { cloneSessionDate } from '../src/effects.js';
import { checkPrerequisites, evaluate } from '../src/rules.js';
import { startSandbox } from '../src/index.js';
import { call, spec } from './helpers.js';

describe('local date-times', () => {
  it('reads every documented shape and refuses days that do not exist', () => {
    expect(formatLocalDateTime(parseLocalDateTime('2018-01-01T11:00')!)).toBe('2018-01-01T11:00:00');
    expect(formatLocalDateTime(parseLocalDateTime('2018-01-20T12:34:56.789')!)).toBe('2018-01-20T12:34:56.789');
    expect(formatLocalDateTime(parseLocalDateTime('2018-03-02T16:45:00.5000000')!)).toBe('2018-03-02T16:45:00.5');
    expect(formatLocalDateTime(parseLocalDateTime('0001-01-01T00:00:00')!)).toBe('0001-01-01T00:00:00');
    expect(parseLocalDateTime('2018-02-29T00:00:00')).toBeUndefined();
    expect(parseLocalDateTime('2020-02-29T00:00:00')).toBeDefined();
    expect(parseLocalDateTime('2018-01-01T24:00:00')).toBeUndefined();
  });

  it('follows UK summer time on the real clock', () => {
    expect(formatLocalDateTime(wallClockIn('Europe/London', Date.parse('2026-07-01T12:00:00Z')))).toBe('2026-07-01T13:00:00');
    expect(formatLocalDateTime(wallClockIn('Europe/London', Date.parse('2026-12-01T12:00:00.250Z')))).toBe('2026-12-01T12:00:00.25');
  });

  it('puts every cloned session 5 to 10 minutes ahead, on a whole minute', () => {
    const start = parseLocalDateTime('2018-01-25T14:32:12.456')!;
    for (let offset = 0; offset < 120_000; offset += 997) {
      const now = start + offset;
      const session = cloneSessionDate(now, { min: 5, max: 10 });
      expect(session - now).toBeGreaterThanOrEqual(5 * 60_000);
      expect(session - now).toBeLessThanOrEqual(10 * 60_000);
      expect(session % 60_000).toBe(0);
    }
  });
});

describe('prerequisite interpreter', () => {
  const now = parseLocalDateTime('2018-03-05T20:00:00')!;
  it('reads the spec’s own rules', () => {
    const rules = checkPrerequisites('cancel', spec.paths['/v1/PhoneChat/CancelMadeBooking'].post['x-adultwork-prerequisites']);
    const item = { Status: 'Confirmed', SessionDate: '2018-03-05T20:00:01' };
    expect(evaluate(rules, { item, client: {}, now })).toEqual({ ok: true });
    expect(evaluate(rules, { item: { ...item, SessionDate: '2018-03-05T20:00:00' }, client: {}, now })).toMatchObject({ ok: false, prerequisite: { id: 'confirmed-session-not-passed' } });
    expect(evaluate(rules, { item: { ...item, Status: 'Pending', SessionDate: '2000-01-01T00:00' }, client: {}, now })).toEqual({ ok: true });
  });

  it('refuses at start-up what it cannot interpret', () => {
    expect(() => checkPrerequisites('x', [{ id: 'a', description: '', field: 'Status', operator: 'between' }])).toThrow(/unknown operator between/);
    expect(() => checkPrerequisites('x', [{ id: 'a', description: '', field: 'Status', operator: 'in' }])).toThrow(/needs "values"/);
    expect(() => checkPrerequisites('x', { id: 'a' })).toThrow(/must be a list/);
  });
});

describe('driven by the spec, not by a copy of it', () => {
  it('follows a changed prerequisite and a changed effect without a code change', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sandbox-spec-'));
    try {
      const changed = structuredClone(spec);
      const cancel = changed.paths['/v1/PhoneChat/CancelMadeBooking'].post;
      cancel['x-adultwork-prerequisites'][0].values = ['Cancelled'];
      cancel['x-adultwork-effect'].set.CancelledReason = 'Said: {request.Reason}';
      const file = join(directory, 'openapi.json');
      writeFileSync(file, JSON.stringify(changed));
      const sandbox = await startSandbox({ spec: file, checkResponses: true });
      const answer = await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 15, Reason: 'bye' } });
      await sandbox.stop();
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ BookingID: 15, Status: 'Cancelled', CancelledReason: 'Said: bye' });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses to start on a spec operation it cannot serve', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sandbox-spec-'));
    try {
      const changed = structuredClone(spec);
      delete changed.paths['/v1/PhoneChat/DeleteMadeBookings'].post['x-adultwork-effect'];
      const file = join(directory, 'openapi.json');
      writeFileSync(file, JSON.stringify(changed));
      await expect(startSandbox({ spec: file })).rejects.toThrow(/deletePhoneChatMadeBookings: neither x-adultwork-pagination nor x-adultwork-effect/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
