/**
 * The API writes date-times without a UTC offset (`2018-01-22T21:30:00`). The sandbox compares
 * and shifts them as "wall-clock milliseconds": the fields read as if they were UTC. That keeps
 * arithmetic exact and never invents a zone the API does not state.
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDateTime(value: string): number | undefined {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, f] = match;
  const ms = f ? Math.floor(Number(`0.${f}`) * 1000 + 1e-6) : 0;
  // Date.UTC reads years 0-99 as 1900-1999; setting the year afterwards keeps it literal.
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms));
  date.setUTCFullYear(Number(y));
  const result = date.getTime();
  // Date.UTC rolls 2018-02-31 over into March; a date that does not exist is not a date.
  const check = new Date(result);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
  return result;
}

export function parseLocalDate(value: string): number | undefined {
  const match = LOCAL_DATE.exec(value);
  if (!match) return undefined;
  return parseLocalDateTime(`${value}T00:00:00`);
}

/** Writes like .NET's round-trip format does: seconds always, fraction only when non-zero, trailing zeros dropped. */
export function formatLocalDateTime(wallMs: number): string {
  const iso = new Date(wallMs).toISOString(); // 2018-01-25T14:32:12.456Z
  const base = iso.slice(0, 19);
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return fraction ? `${base}.${fraction}` : base;
}

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
