import { parseLocalDateTime } from './clock.js';
import { getPath } from './resources.js';

/** One entry of an operation's `x-adultwork-prerequisites`. */
export interface Prerequisite {
  id: string;
  description: string;
  field: string;
  operator: Operator;
  values?: unknown[];
  when?: { field: string; operator: Operator; values?: unknown[] };
  subject?: 'client' | 'item';
  than?: string;
  onFailure?: { perItem?: boolean; message?: string };
}

type Operator = 'in' | 'notIn' | 'past' | 'notPast' | 'atLeast';
const OPERATORS = new Set<Operator>(['in', 'notIn', 'past', 'notPast', 'atLeast']);

export interface RuleContext {
  item: Record<string, unknown>;
  client: Record<string, unknown>;
  /** Wall-clock milliseconds (see clock.ts). */
  now: number;
}

export type RuleOutcome = { ok: true } | { ok: false; prerequisite: Prerequisite; message: string };

/** Refuses, at start-up, a prerequisite this interpreter would not understand. */
export function checkPrerequisites(operationId: string, raw: unknown): Prerequisite[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${operationId}: x-adultwork-prerequisites must be a list`);
  return raw.map((entry: Prerequisite) => {
    for (const operator of [entry.operator, entry.when?.operator]) {
      if (operator !== undefined && !OPERATORS.has(operator)) {
        throw new Error(`${operationId}: prerequisite ${entry.id} uses unknown operator ${String(operator)}`);
      }
    }
    if (entry.operator === 'atLeast' && !entry.than && !entry.values) {
      throw new Error(`${operationId}: prerequisite ${entry.id} (atLeast) needs "than" or "values"`);
    }
    if ((entry.operator === 'in' || entry.operator === 'notIn') && !Array.isArray(entry.values)) {
      throw new Error(`${operationId}: prerequisite ${entry.id} (${entry.operator}) needs "values"`);
    }
    return entry;
  });
}

function compare(operator: Operator, actual: unknown, values: unknown[] | undefined, threshold: unknown, now: number): boolean {
  switch (operator) {
    case 'in':
      return (values ?? []).includes(actual);
    case 'notIn':
      return !(values ?? []).includes(actual);
    case 'past':
    case 'notPast': {
      const at = typeof actual === 'string' ? parseLocalDateTime(actual) : undefined;
      // A time that cannot be read has not passed; it can neither be rescheduled nor waved through.
      if (at === undefined) return false;
      // "Passed" includes the very moment itself: at SessionDate the session is no longer ahead.
      return operator === 'past' ? at <= now : at > now;
    }
    case 'atLeast':
      return typeof actual === 'number' && typeof threshold === 'number' && actual >= threshold;
  }
}

function show(value: unknown): string {
  return value === null || value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
}

export function evaluate(prerequisites: Prerequisite[], context: RuleContext): RuleOutcome {
  for (const rule of prerequisites) {
    if (rule.when) {
      const applies = compare(rule.when.operator, getPath(context.item, rule.when.field), rule.when.values, undefined, context.now);
      if (!applies) continue;
    }
    const subject = rule.subject === 'client' ? context.client : context.item;
    const actual = getPath(subject, rule.field);
    const threshold = rule.than !== undefined ? getPath(context.item, rule.than) : rule.values?.[0];
    if (compare(rule.operator, actual, rule.values, threshold, context.now)) continue;
    const message =
      rule.onFailure?.message ??
      (rule.operator === 'atLeast'
        ? `${rule.description} The client's ${rule.field} is ${show(actual)}; the booking's ${rule.than ?? 'minimum'} is ${show(threshold)}.`
        : `${rule.description} The booking's ${rule.field} is ${show(actual)}.`);
    return { ok: false, prerequisite: rule, message };
  }
  return { ok: true };
}
