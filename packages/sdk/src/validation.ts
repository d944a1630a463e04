import { checkNumber, checkObject, describe, fail } from './config.js';
import { listPhoneChatMadeBookingsOperation, phoneChatMadeBookingsOrderByValues as ORDER_BY } from './generated/operations.js';

const INT32_MAX = 2_147_483_647;

/** A booking or user ID: a positive 32-bit integer, as the spec says. */
export const checkId = (value: unknown, name: string): number => checkNumber(value, name, 1, INT32_MAX);

function checkCalendarDate(value: unknown, name: string): string {
  // Read as UTC midnight so that the local zone cannot shift the day; a day that does not exist
  // (February 30th) comes back as another day, or not at all (toJSON gives null). Only a string
  // written yyyy-MM-dd can come back equal to itself.
  if (typeof value !== 'string' || new Date(`${value}T00:00:00Z`).toJSON()?.slice(0, 10) !== value) {
    const text = typeof value === 'string';
    throw new (text ? RangeError : TypeError)(`${name} must be a real calendar date written yyyy-MM-dd, got ${text ? `"${value}"` : describe(value)}`);
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
  if (params.BookingsPerPage !== undefined) checkNumber(params.BookingsPerPage, 'BookingsPerPage', 1, 100);
  if (params.PageNumber !== undefined) checkNumber(params.PageNumber, 'PageNumber', 1, INT32_MAX);
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
