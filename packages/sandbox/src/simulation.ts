import { readFileSync } from 'node:fs';

/**
 * What the sandbox invents to produce whole items, keyed by component schema.
 *
 * These are not API facts, which is why they live in fixtures/simulation.json and not in the spec: the API computes
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

/** Read from fixtures/simulation.json: sample-derived data, kept with the other fixtures. */
export const SIMULATION: Readonly<Record<string, Simulation>> = (() => {
  const { $comment: _comment, ...bySchema } = JSON.parse(readFileSync(new URL('../fixtures/simulation.json', import.meta.url), 'utf8')) as Record<string, Simulation> & { $comment?: string };
  return bySchema;
})();

export function simulationOf(schema: string): Simulation {
  return SIMULATION[schema] ?? {};
}
