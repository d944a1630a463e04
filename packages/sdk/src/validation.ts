import { PhoneChatMadeBookingsOrderBy } from '@adultwork-api/client-fetch';
import { describe } from './config.js';

const INT32_MAX = 2_147_483_647;
const ORDER_BY = new Set<string>(Object.values(PhoneChatMadeBookingsOrderBy));

function checkObject(value: unknown, name: string, allowed: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new TypeError(`${name}: unknown field "${key}"; known: ${allowed.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

/** A booking or user ID: a positive 32-bit integer, as the spec says. */
export function checkId(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 1 || value > INT32_MAX) {
    throw new RangeError(`${name} must be a positive whole number (1 to ${INT32_MAX}), got ${value}`);
  }
  return value;
}

function checkIntegerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function checkCalendarDate(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a "yyyy-MM-dd" string, got ${describe(value)}`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  // Checked in UTC so that the local zone cannot shift the day.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`${name} must be a real calendar date written yyyy-MM-dd, got "${value}"`);
  }
  return value;
}

const LIST_FIELDS = ['StartDate', 'OrderBy', 'BookingsPerPage', 'PageNumber'] as const;

export function checkListParams(value: unknown): void {
  if (value === undefined) return;
  const params = checkObject(value, 'List parameters', LIST_FIELDS);
  if (params.StartDate !== undefined) checkCalendarDate(params.StartDate, 'StartDate');
  if (params.OrderBy !== undefined && (typeof params.OrderBy !== 'string' || !ORDER_BY.has(params.OrderBy))) {
    throw new RangeError(`OrderBy must be one of ${[...ORDER_BY].join(', ')}`);
  }
  if (params.BookingsPerPage !== undefined) checkIntegerIn(params.BookingsPerPage, 'BookingsPerPage', 1, 100);
  if (params.PageNumber !== undefined) checkIntegerIn(params.PageNumber, 'PageNumber', 1, INT32_MAX);
}

export function checkCancelRequest(value: unknown): void {
  const request = checkObject(value, 'The cancel request', ['BookingID', 'Reason']);
  checkId(request.BookingID, 'BookingID');
  if (typeof request.Reason !== 'string') throw new TypeError(`Reason must be a string, got ${describe(request.Reason)}`);
  if (request.Reason.trim() === '') throw new RangeError('Reason must not be empty: the other side is shown it');
}

export function checkRescheduleRequest(value: unknown): void {
  const request = checkObject(value, 'The reschedule request', ['BookingID']);
  checkId(request.BookingID, 'BookingID');
}

/** The API takes the IDs as one comma-separated string; the SDK takes an array and joins it. */
export function joinBookingIds(value: unknown): string {
  if (!Array.isArray(value)) throw new TypeError(`Booking IDs must be an array of numbers, got ${describe(value)}`);
  if (value.length === 0) throw new RangeError('Booking IDs must not be empty: give at least one ID to delete');
  return value.map((id, index) => checkId(id, `Booking IDs[${index}]`)).join(',');
}
