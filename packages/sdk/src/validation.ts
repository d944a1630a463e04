import { checkKeys, describe, fail, isPlainObject } from './config.js';
import { listPhoneChatMadeBookingsOperation, phoneChatMadeBookingsOrderByValues as ORDER_BY } from './generated/operations.js';

const INT32_MAX = 2_147_483_647;

function checkObject(value: unknown, name: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) fail(`${name} must be an object, got ${describe(value)}`);
  checkKeys(value as object, allowed, (key) => `${name}: unknown field "${key}"`);
  return value as Record<string, unknown>;
}

function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a ${min > 0 ? 'positive ' : ''}whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** A booking or user ID: a positive 32-bit integer, as the spec says. */
export const checkId = (value: unknown, name: string): number => checkInteger(value, name, 1, INT32_MAX);

function checkCalendarDate(value: unknown, name: string): string {
  if (typeof value !== 'string') fail(`${name} must be a date string written yyyy-MM-dd, got ${describe(value)}`);
  // Read as UTC midnight so that the local zone cannot shift the day; a day that does not exist
  // (February 30th) comes back as another day, or not at all.
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(value as string) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${name} must be a real calendar date written yyyy-MM-dd, got "${value}"`);
  }
  return value as string;
}


export function checkListParams(value: unknown): void {
  if (value === undefined) return;
  const params = checkObject(value, 'List parameters', listPhoneChatMadeBookingsOperation.query);
  if (params.StartDate !== undefined) checkCalendarDate(params.StartDate, 'StartDate');
  if (params.OrderBy !== undefined && (typeof params.OrderBy !== 'string' || !ORDER_BY.includes(params.OrderBy))) {
    throw new RangeError(`OrderBy must be one of ${ORDER_BY.join(', ')}`);
  }
  if (params.BookingsPerPage !== undefined) checkInteger(params.BookingsPerPage, 'BookingsPerPage', 1, 100);
  if (params.PageNumber !== undefined) checkInteger(params.PageNumber, 'PageNumber', 1, INT32_MAX);
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
