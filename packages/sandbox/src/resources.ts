/**
 * Facts the spec states only in prose, kept here as data (and listed as proposed spec
 * extensions in docs/sandbox.md) so that no rule is hidden in handler code. Everything the spec
 * carries in machine-readable form — prerequisites, effects, pagination, group-manager twins,
 * schemas — is read from the spec itself.
 */
export interface ListConfig {
  /** Query parameter → how it filters: items whose `field` is on or after the given calendar date. */
  filters: Record<string, { field: string; operator: 'onOrAfterDate' }>;
  /** Query parameter whose values are `<key>-asc|desc`, and the item field each key sorts on. */
  orderParameter: string;
  sortFields: Record<string, string>;
}

export interface ResourceConfig {
  /** Operations with this tag act on this resource. */
  tag: string;
  /** Component schema of one stored item (the state file keeps items in exactly this shape). */
  schema: string;
  /** Property of the item that holds its ID (Webcam calls it `WebcamBookingID`). */
  idProperty: string;
  /** Request-body property naming one item, and the one naming several as a comma-separated string. */
  requestIdProperty: string;
  requestIdsProperty: string;
  list?: ListConfig;
  /**
   * Fields the API derives from others, applied after an effect to every field the effect's own
   * `set` leaves alone. Templates may use `{Path.To.Field}` of the item.
   */
  derived?: Record<string, { from: string; values: Record<string, string | null> }>;
  /** After a clone, fields placed relative to the new `SessionDate` (minutes before it). */
  cloneRelativeToSessionDate?: Record<string, number>;
}

export const RESOURCES: ResourceConfig[] = [
  {
    tag: 'PhoneChat',
    schema: 'PhoneChatMadeBooking',
    idProperty: 'BookingID',
    requestIdProperty: 'BookingID',
    requestIdsProperty: 'BookingIDs',
    list: {
      filters: { StartDate: { field: 'CreateDate', operator: 'onOrAfterDate' } },
      orderParameter: 'OrderBy',
      sortFields: { date: 'CreateDate', nickname: 'Candidate.Nickname', sessiondate: 'SessionDate' },
    },
    // The notes the API's samples show for each status.
    derived: {
      ActionClient: {
        from: 'Status',
        values: {
          Pending: '{Candidate.Nickname} needs to accept or reject',
          Accepted: 'You need to confirm the booking',
          Confirmed: 'You need to carry out the session',
          Rejected: null,
          Cancelled: null,
        },
      },
    },
    // The reschedule sample has the new booking's AcceptBy one minute before its session.
    cloneRelativeToSessionDate: { AcceptBy: 1 },
  },
  {
    tag: 'Webcam',
    schema: 'WebcamBooking',
    idProperty: 'WebcamBookingID',
    requestIdProperty: 'BookingID',
    requestIdsProperty: 'BookingIDs',
  },
];

export function resourceForTags(tags: string[]): ResourceConfig | undefined {
  return RESOURCES.find((resource) => tags.includes(resource.tag));
}

export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
