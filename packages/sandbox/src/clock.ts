/**
 * The API writes date-times without a UTC offset (`2018-01-22T21:30:00`). The sandbox compares
 * and shifts them as "wall-clock milliseconds": the fields read as if they were UTC. That keeps
 * arithmetic exact and never invents a zone the API does not state.
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wall-clock milliseconds of 0001-01-01T00:00:00, the earliest instant a .NET DateTime holds. */
export const EARLIEST_WALL_MS = Date.UTC(2000, 0, 1) - 730_119 * 86_400_000;
/** Wall-clock milliseconds of 9999-12-31T23:59:59.999, the latest the sandbox can write (.NET stops at .9999999). */
export const LATEST_WALL_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const EARLIEST_LOCAL_DATE_TIME = '0001-01-01T00:00:00';
export const LATEST_LOCAL_DATE_TIME = '9999-12-31T23:59:59.9999999';

/** A computed date-time falls outside 0001..9999, which no API date-time can hold. */
export class DateOutOfRange extends RangeError {
  constructor(readonly wallMs: number) {
    super(`${Number.isFinite(wallMs) ? new Date(wallMs).toISOString().slice(0, 19) : String(wallMs)} is outside ${EARLIEST_LOCAL_DATE_TIME}..${LATEST_LOCAL_DATE_TIME}, the range of the API's date-times`);
  }
}

export function isRepresentable(wallMs: number): boolean {
  return wallMs >= EARLIEST_WALL_MS && wallMs <= LATEST_WALL_MS;
}

/**
 * Reads a date-time the API could have written: every field within its calendar range (no
 * 10:99:99, no 31 February, no year 0000), so the clock header, the admin clock route and the
 * seed check all refuse what a .NET DateTime would refuse.
 */
export function parseLocalDateTime(value: string): number | undefined {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, f] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = f ? Math.floor(Number(`0.${f}`) * 1000 + 1e-6) : 0;
  // Date.UTC reads years 0-99 as 1900-1999; setting the year afterwards keeps it literal.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  const result = date.getTime();
  // Date.UTC rolls 2018-02-31 over into March; a date that does not exist is not a date.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return result;
}

export function parseLocalDate(value: string): number | undefined {
  const match = LOCAL_DATE.exec(value);
  if (!match) return undefined;
  return parseLocalDateTime(`${value}T00:00:00`);
}

/** Writes like .NET's round-trip format does: seconds always, fraction only when non-zero, trailing zeros dropped. */
export function formatLocalDateTime(wallMs: number): string {
  // One call writes the same time into several fields, and calls in the same millisecond (or
  // under a frozen clock) share it too.
  if (wallMs === lastFormatted.wallMs) return lastFormatted.text;
  // toISOString would write year 10000 as "+010000-...", which no reader of the API accepts.
  if (!isRepresentable(wallMs)) throw new DateOutOfRange(wallMs);
  const iso = new Date(wallMs).toISOString(); // 2018-01-25T14:32:12.456Z
  const base = iso.slice(0, 19);
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  const text = fraction ? `${base}.${fraction}` : base;
  lastFormatted = { wallMs, text };
  return text;
}
let lastFormatted = { wallMs: Number.NaN, text: '' };

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastSecond = new Map<string, { second: number; wall: number }>();

/** Wall-clock milliseconds of `instant` in `timeZone`. */
export function wallClockIn(timeZone: string, instant: number): number {
  // Building an Intl formatter costs far more than a request; one per zone, and one answer per second.
  const second = Math.floor(instant / 1000);
  const cached = lastSecond.get(timeZone);
  if (cached && cached.second === second) return cached.wall + (instant - second * 1000);
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(second * 1000);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  lastSecond.set(timeZone, { second, wall });
  return wall + (instant - second * 1000);
}

export interface Clock {
  /** The wall-clock time now, as the API would see it. */
  now(): number;
}

/**
 * The sandbox's clock: real time in `timeZone` (UK time unless told otherwise, an assumption
 * the spec also makes), or a frozen instant set through the admin route.
 */
export class SandboxClock implements Clock {
  private frozen: number | undefined;

  constructor(
    private readonly timeZone = 'Europe/London',
    private readonly source: () => number = Date.now,
  ) {}

  now(): number {
    return this.frozen ?? wallClockIn(this.timeZone, this.source());
  }

  freeze(wallMs: number | undefined): void {
    this.frozen = wallMs;
  }

  isFrozen(): boolean {
    return this.frozen !== undefined;
  }
}
