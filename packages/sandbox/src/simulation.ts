/**
 * What the sandbox invents to produce whole items, keyed by component schema.
 *
 * These are not API facts, which is why they live here and not in the spec: the API computes
 * them on its side and documents neither. They are read off its samples (the `ActionClient`
 * note each status shows, and a rescheduled booking whose `AcceptBy` is one minute before its
 * new session), so a client must not rely on them; the sandbox needs them only so that the
 * bookings it writes look like the ones the API sends. Proposal 6 in docs/sandbox.md would
 * move them into the reschedule effect if the spec wants to state them. Everything else about
 * an item (its schema, ID, filters, sort keys, rules and effects) is read from the spec.
 */
export interface Simulation {
  /**
   * Fields the API derives from others, applied after an effect to every field the effect's own
   * `set` leaves alone. Templates may use `{Path.To.Field}` of the item.
   */
  derived?: Record<string, { from: string; values: Record<string, string | null> }>;
  /** After a clone, fields placed relative to the new `SessionDate` (minutes before it). */
  cloneRelativeToSessionDate?: Record<string, number>;
}

export const SIMULATION: Readonly<Record<string, Simulation>> = {
  PhoneChatMadeBooking: {
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
};

export function simulationOf(schema: string): Simulation {
  return SIMULATION[schema] ?? {};
}
