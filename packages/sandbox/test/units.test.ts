import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, parseLocalDateTime, wallClockIn } from '../src/clock.js';
import { cloneSessionDate } from '../src/effects.js';
import { checkPrerequisites, evaluate } from '../src/rules.js';
import { startSandbox } from '../src/index.js';
import { call, expectConforms, seedData, spec } from './helpers.js';

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
    const scope = (booking: Record<string, unknown>) => ({ booking, caller: {}, request: {}, now });
    expect(evaluate(rules, scope(item))).toEqual({ ok: true });
    expect(evaluate(rules, scope({ ...item, SessionDate: '2018-03-05T20:00:00' }))).toMatchObject({ ok: false, status: 409, prerequisite: { id: 'confirmed-session-not-passed' } });
    expect(evaluate(rules, scope({ ...item, Status: 'Pending', SessionDate: '2000-01-01T00:00' }))).toEqual({ ok: true });
  });

  it('checks every booked user, multiplies thresholds and lets a null price mean no limit', () => {
    const rules = checkPrerequisites('create', spec.paths['/v1/PhoneChat/CreateBooking'].post['x-adultwork-prerequisites']);
    const requirements = { Methods: [{ Method: 1, Allowed: true }] };
    const performer = (facts: Record<string, unknown>) => ({ facts: { UserID: 7, IsPhoneChat: true, IsDirectChatOnly: false, PhoneChatPPM: 2, ...facts }, record: () => requirements });
    const request = { Method: 1, Credits: 20, Duration: 10, SessionDate: '2018-03-06 20:00', AcceptBy: '2018-03-06 18:00' };
    const run = (facts: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
      evaluate(rules, { caller: {}, request: { ...request, ...overrides }, bookedUsers: [performer(facts)], now });
    expect(run({})).toEqual({ ok: true });
    expect(run({ PhoneChatPPM: 2.5 })).toMatchObject({ ok: false, prerequisite: { id: 'credits-cover-price' } });
    expect(run({ PhoneChatPPM: null }, { Credits: 0.01 })).toEqual({ ok: true });
    expect(run({ IsPhoneChat: false })).toMatchObject({ ok: false, prerequisite: { id: 'performer-offers-phonechat' } });
    expect(run({}, { Method: 2 })).toMatchObject({ ok: false, prerequisite: { id: 'method-allowed' } });
    expect(run({}, { AcceptBy: '2018-03-06 20:00' })).toMatchObject({ ok: false, prerequisite: { id: 'accept-by-before-session' } });
  });

  it('refuses at start-up what it cannot interpret', () => {
    expect(() => checkPrerequisites('x', [{ id: 'a', description: '', field: 'Status', operator: 'between' }])).toThrow(/unknown operator between/);
    expect(() => checkPrerequisites('x', [{ id: 'a', description: '', field: 'Status', operator: 'in' }])).toThrow(/needs "values"/);
    expect(() => checkPrerequisites('x', { id: 'a' })).toThrow(/must be a list/);
  });
});

/** Writes a changed copy of the spec (and, when given, a seed) to a temporary directory for one test. */
async function withChangedSpec<T>(change: (spec: any) => void, use: (files: { spec: string; seed: string }) => Promise<T>, changeSeed?: (seed: any) => void): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-spec-'));
  try {
    const changed = structuredClone(spec);
    change(changed);
    const files = { spec: join(directory, 'openapi.json'), seed: join(directory, 'seed.json') };
    writeFileSync(files.spec, JSON.stringify(changed));
    const seed = seedData();
    changeSeed?.(seed);
    writeFileSync(files.seed, JSON.stringify(seed));
    return await use(files);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const LIST = '/v1/PhoneChat/MadeBookings';
const CANCEL = '/v1/PhoneChat/CancelMadeBooking';
const WEBCAM_CANCEL = '/v1/Webcam/CancelMadeBooking';

describe('driven by the spec, not by a copy of it', () => {
  it('follows a changed prerequisite and a changed effect without a code change', async () => {
    const answer = await withChangedSpec(
      (changed) => {
        const cancel = changed.paths[CANCEL].post;
        cancel['x-adultwork-prerequisites'][0].values = ['Cancelled'];
        cancel['x-adultwork-effect'].set.CancelledReason = 'Said: {request.Reason}';
      },
      async (files) => {
        const sandbox = await startSandbox({ spec: files.spec, checkResponses: true });
        try {
          return await call(sandbox.url, 'cancelPhoneChatMadeBooking', { body: { BookingID: 15, Reason: 'bye' } });
        } finally {
          await sandbox.stop();
        }
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ BookingID: 15, Status: 'Cancelled', CancelledReason: 'Said: bye' });
  });

  it('sorts by the field x-adultwork-list.sort.fields names for a key', async () => {
    const ids = async (specFile?: string) => {
      const sandbox = await startSandbox({ ...(specFile ? { spec: specFile } : {}), checkResponses: true });
      try {
        const answer = await call(sandbox.url, 'listPhoneChatMadeBookings', { token: 'booking-user-token', query: 'OrderBy=date-desc&BookingsPerPage=100' });
        expectConforms('listPhoneChatMadeBookings', answer);
        return answer.json.Bookings.map((b: { BookingID: number }) => b.BookingID);
      } finally {
        await sandbox.stop();
      }
    };
    // As written, date-desc is newest CreateDate first.
    expect(await ids()).toEqual([200, 201, 202, 1, 100, 101, 102, 103, 104]);
    // Pointing "date" at SessionDate makes it latest session first.
    const changed = await withChangedSpec(
      (s) => {
        s.paths[LIST].get['x-adultwork-list'].sort.fields.date = 'SessionDate';
      },
      (files) => ids(files.spec),
    );
    expect(changed).toEqual([202, 201, 200, 104, 103, 102, 101, 100, 1]);
  });

  it('keys items by the property x-adultwork-resource.idProperty names', async () => {
    // Were the API to call the Webcam ID BookingID, as its requests already do, the spec would
    // rename the schema's property and the operation's idProperty; a seed in the new shape
    // then works as before.
    const renameInSchema = (s: any) => {
      for (const name of ['WebcamBooking', 'WebcamReceivedBooking']) {
        const schema = s.components.schemas[name];
        const { WebcamBookingID, ...rest } = schema.properties;
        schema.properties = { BookingID: WebcamBookingID, ...rest };
        schema.required = schema.required.map((field: string) => (field === 'WebcamBookingID' ? 'BookingID' : field));
      }
    };
    const renameInSeed = (seed: any) => {
      for (const record of seed.bookings.Webcam) {
        const { WebcamBookingID, ...rest } = record.Item;
        record.Item = { BookingID: WebcamBookingID, ...rest };
      }
    };
    await withChangedSpec(
      (s) => {
        renameInSchema(s);
        s['x-adultwork-bookings'].Webcam.views.client.idProperty = 'BookingID';
        s['x-adultwork-bookings'].Webcam.views.performer.idProperty = 'BookingID';
        for (const item of Object.values<any>(s.paths)) {
          for (const operation of Object.values<any>(item)) {
            if (operation['x-adultwork-resource']?.service === 'Webcam') operation['x-adultwork-resource'].idProperty = 'BookingID';
          }
        }
      },
      async (files) => {
        const sandbox = await startSandbox({ spec: files.spec, seed: files.seed, checkResponses: true });
        try {
          const first = await call(sandbox.url, 'cancelWebcamMadeBooking', { body: { BookingID: 2, Reason: 'x' }, headers: { 'X-Sandbox-Now': '2018-01-01T12:00:00' } });
          expect(first.status, first.text).toBe(200);
          expect(first.json).toMatchObject({ BookingID: 2, Status: 'Cancelled' });
          expect(first.json).not.toHaveProperty('WebcamBookingID');
          // The store found booking 2 by its new ID property and remembers it is cancelled.
          expect((await call(sandbox.url, 'cancelWebcamMadeBooking', { body: { BookingID: 2, Reason: 'x' } })).status).toBe(409);
          expect((await call(sandbox.url, 'cancelWebcamMadeBooking', { body: { BookingID: 99, Reason: 'x' } })).status).toBe(404);
        } finally {
          await sandbox.stop();
        }
      },
      renameInSeed,
    );
    // The same change with the old idProperty left in place is refused at start-up.
    await withChangedSpec(renameInSchema, async (files) => {
      await expect(startSandbox({ spec: files.spec, seed: files.seed })).rejects.toThrow(/x-adultwork-bookings.Webcam.views.client.idProperty is not a property of WebcamBooking/);
    }, renameInSeed);
  });

  it.each<[string, (s: any) => void, RegExp]>([
    ['an operation without x-adultwork-effect or pagination', (s) => delete s.paths['/v1/PhoneChat/DeleteMadeBookings'].post['x-adultwork-effect'], /deletePhoneChatMadeBookings: neither x-adultwork-pagination nor x-adultwork-effect/],
    ['an operation without x-adultwork-resource', (s) => delete s.paths[CANCEL].post['x-adultwork-resource'], /cancelPhoneChatMadeBooking: no x-adultwork-resource says which items it acts on/],
    ['a resource schema that does not exist', (s) => (s.paths[CANCEL].post['x-adultwork-resource'].schema = 'Booking'), /cancelPhoneChatMadeBooking: x-adultwork-resource names no component schema: "Booking"/],
    ['a request ID property the body does not have', (s) => (s.paths[CANCEL].post['x-adultwork-resource'].requestIdProperty = 'ID'), /requestIdProperty "ID" is not a property of the operation's JSON request body/],
    ['an update without requestIdProperty', (s) => delete s.paths[CANCEL].post['x-adultwork-resource'].requestIdProperty, /cancelPhoneChatMadeBooking: x-adultwork-resource has no requestIdProperty/],
    ['a delete without requestIdsProperty', (s) => delete s.paths['/v1/PhoneChat/DeleteMadeBookings'].post['x-adultwork-resource'].requestIdsProperty, /deletePhoneChatMadeBookings: x-adultwork-resource has no requestIdsProperty/],
    ['two ID properties for one schema', (s) => (s.paths[LIST].get['x-adultwork-resource'].idProperty = 'Duration'), /gives PhoneChatMadeBooking the ID property Duration, but x-adultwork-bookings.PhoneChat.views.client gives it BookingID/],
    ['a resource on a service the spec does not have', (s) => (s.paths[CANCEL].post['x-adultwork-resource'].service = 'Telegram'), /names service Telegram, which x-adultwork-bookings does not have/],
    ['an effect that writes an undeclared status', (s) => (s.paths[CANCEL].post['x-adultwork-effect'].set.Status = 'Expired'), /writes status Expired, which the service does not have/],
    ['a spec without x-adultwork-bookings', (s) => delete s['x-adultwork-bookings'], /no x-adultwork-bookings at its root/],
    ['a list without x-adultwork-list', (s) => delete s.paths['/v1/Groups/PhoneChat/MadeBookings'].get['x-adultwork-list'], /listGroupMemberPhoneChatMadeBookings: a list without x-adultwork-list/],
    ['a sort field the item does not have', (s) => (s.paths[LIST].get['x-adultwork-list'].sort.fields.nickname = 'Candidate.Name'), /sort key nickname names "Candidate.Name", which is not a field of PhoneChatMadeBooking/],
    ['a sort value without a field', (s) => delete s.paths[LIST].get['x-adultwork-list'].sort.fields.sessiondate, /OrderBy admits sessiondate-asc but sort.fields has no "sessiondate"/],
    ['a filter operator it does not know', (s) => (s.paths[LIST].get['x-adultwork-list'].filters.StartDate.operator = 'before'), /filter StartDate has unknown operator "before"/],
    ['a filter on a parameter the list does not have', (s) => (s.paths[LIST].get['x-adultwork-list'].filters.EndDate = { field: 'CreateDate', operator: 'onOrAfterDate' }), /filter EndDate is not a query parameter/],
    ['a POST that does not document 413', (s) => delete s.paths[CANCEL].post.responses['413'], /cancelPhoneChatMadeBooking: takes a request body but documents no JSON 413 response/],
    ['a POST that documents neither 413 nor 415', (s) => {
      delete s.paths[WEBCAM_CANCEL].post.responses['413'];
      delete s.paths[WEBCAM_CANCEL].post.responses['415'];
    }, /cancelWebcamMadeBooking: takes a request body but documents no JSON 413 or 415 response/],
  ])('refuses to start on %s, saying why', async (_label, change, message) => {
    await withChangedSpec(change, async (files) => {
      await expect(startSandbox({ spec: files.spec })).rejects.toThrow(message);
    });
  });
});
