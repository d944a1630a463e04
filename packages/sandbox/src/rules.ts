import { parseLocalDateTime } from './clock.js';
import { getPath, pathReader } from './resources.js';
import type { Condition } from './world.js';

/** One entry of an operation's `x-adultwork-prerequisites` (see docs/extensions.md). */
export interface Prerequisite {
  id: string;
  description: string;
  field: string;
  operator: Operator;
  values?: unknown[];
  when?: { field: string; operator: Operator; values?: unknown[] };
  subject?: 'booking' | 'caller' | 'client' | 'bookedUser' | 'request';
  than?: string | number | { multiply: string[] };
  months?: number;
  nullMeansNoLimit?: boolean;
  allowedBy?: { record: string; list: string; key: string; flag: string };
  onFailure?: { status?: number; perItem?: boolean; message?: string };
}

type Operator = 'in' | 'notIn' | 'past' | 'notPast' | 'before' | 'withinFromNow' | 'atLeast' | 'exists' | 'allowedBy' | 'presentIff';
const OPERATORS = new Set<string>(['in', 'notIn', 'past', 'notPast', 'before', 'withinFromNow', 'atLeast', 'exists', 'allowedBy', 'presentIff']);
const SUBJECTS = new Set<string>(['booking', 'caller', 'client', 'bookedUser', 'request']);

/** What the references of a rule can name. */
export interface RuleScope {
  booking?: Record<string, unknown> | undefined;
  caller: Record<string, unknown>;
  request: Record<string, unknown>;
  /** Each user the request books or asks about, with their records (for `allowedBy`). */
  bookedUsers?: Array<{ facts: Record<string, unknown>; record: (name: string) => Record<string, unknown> }>;
  /** Wall-clock milliseconds (see clock.ts). */
  now: number;
}

export type RuleOutcome = { ok: true } | { ok: false; prerequisite: Prerequisite; status: number; message: string };

/** The request writes `yyyy-MM-dd HH:mm`; the API's date-times put a T there. */
export function asLocalDateTime(value: unknown): unknown {
  // Most strings are not dates: the space at index 10 is checked before the pattern.
  return typeof value === 'string' && value.charCodeAt(10) === 0x20 && /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.slice(0, 10)}T${value.slice(11)}` : value;
}

// A handful of dates are read over and over (every list row's AcceptBy); each is parsed once.
const parsedDates = new Map<string, number | undefined>();
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let at = parsedDates.get(value);
  if (at === undefined && !parsedDates.has(value)) {
    at = parseLocalDateTime(asLocalDateTime(value) as string);
    if (parsedDates.size > 50_000) parsedDates.clear();
    parsedDates.set(value, at);
  }
  return at;
}

const mentions = new WeakMap<Prerequisite, boolean>();
/** Whether the rule is about each booked user (and so is checked once per user). */
function mentionsBookedUser(rule: Prerequisite): boolean {
  let about = mentions.get(rule);
  if (about === undefined) {
    about = rule.subject === 'bookedUser' || rule.allowedBy !== undefined || JSON.stringify(rule.than ?? '').includes('bookedUser.');
    mentions.set(rule, about);
  }
  return about;
}

/** Refuses, at start-up, a prerequisite this interpreter would not understand. */
export function checkPrerequisites(operationId: string, raw: unknown): Prerequisite[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${operationId}: x-adultwork-prerequisites must be a list`);
  return raw.map((entry: Prerequisite) => {
    for (const operator of [entry.operator, entry.when?.operator]) {
      if (operator !== undefined && !OPERATORS.has(operator)) throw new Error(`${operationId}: prerequisite ${entry.id} uses unknown operator ${String(operator)}`);
    }
    if (entry.subject !== undefined && !SUBJECTS.has(entry.subject)) throw new Error(`${operationId}: prerequisite ${entry.id} has unknown subject ${String(entry.subject)}`);
    if ((entry.operator === 'atLeast' || entry.operator === 'before' || entry.operator === 'presentIff') && entry.than === undefined) {
      throw new Error(`${operationId}: prerequisite ${entry.id} (${entry.operator}) needs "than"`);
    }
    if ((entry.operator === 'in' || entry.operator === 'notIn') && !Array.isArray(entry.values)) {
      throw new Error(`${operationId}: prerequisite ${entry.id} (${entry.operator}) needs "values"`);
    }
    if (entry.operator === 'withinFromNow' && !(typeof entry.months === 'number' && entry.months > 0)) {
      throw new Error(`${operationId}: prerequisite ${entry.id} (withinFromNow) needs "months"`);
    }
    if (entry.operator === 'allowedBy' && !entry.allowedBy?.record) throw new Error(`${operationId}: prerequisite ${entry.id} needs "allowedBy"`);
    return entry;
  });
}

/** `booking.Credits`, `request.Duration`, `bookedUser.PhoneChatPPM`; a bare name is the booking's. */
function resolve(reference: string, scope: RuleScope, bookedUser: Record<string, unknown> | undefined): unknown {
  const dot = reference.indexOf('.');
  const head = dot < 0 ? '' : reference.slice(0, dot);
  if (!SUBJECTS.has(head)) return getPath(scope.booking, reference);
  return getPath(subjectOf(head as NonNullable<Prerequisite['subject']>, scope, bookedUser), reference.slice(dot + 1));
}

function subjectOf(subject: NonNullable<Prerequisite['subject']>, scope: RuleScope, bookedUser: Record<string, unknown> | undefined): unknown {
  switch (subject) {
    case 'booking':
      return scope.booking;
    case 'caller':
    case 'client':
      return scope.caller;
    case 'bookedUser':
      return bookedUser;
    case 'request':
      return scope.request;
  }
}

function threshold(than: Prerequisite['than'], scope: RuleScope, bookedUser: Record<string, unknown> | undefined): unknown {
  if (than === undefined || typeof than === 'number') return than;
  if (typeof than === 'string') return resolve(than, scope, bookedUser);
  let product = 1;
  for (const factor of than.multiply) {
    const value = resolve(factor, scope, bookedUser);
    if (value === null || value === undefined) return null;
    product *= Number(value);
  }
  return product;
}

function addMonths(at: number, months: number): number {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}

type Test = (item: Record<string, unknown>, now: number) => boolean;

/** A condition read once: every list row's expiry asks the same few of every item. */
function compileCondition(condition: Condition): Test {
  const read = pathReader(condition.field);
  const values = condition.values ?? [];
  switch (condition.operator) {
    case 'in':
      return (item) => values.includes(read(item));
    case 'notIn':
      return (item) => !values.includes(read(item));
    case 'past':
    case 'notPast': {
      const past = condition.operator === 'past';
      return (item, now) => {
        const at = instantOf(read(item));
        if (at === undefined) return false;
        return past ? at <= now : at > now;
      };
    }
    default:
      throw new Error(`The condition operator ${condition.operator} cannot be used in a when`);
  }
}

const compiledConditions = new WeakMap<Condition, Test>();

/** Whether a condition (`when`, an expiry's `when`) holds on a booking. */
export function holds(condition: Condition, item: Record<string, unknown>, now: number): boolean {
  let test = compiledConditions.get(condition);
  if (test === undefined) compiledConditions.set(condition, (test = compileCondition(condition)));
  return test(item, now);
}

function passes(rule: Prerequisite, scope: RuleScope, booked: NonNullable<RuleScope['bookedUsers']>[number] | undefined): { ok: boolean; actual: unknown; limit?: unknown } {
  const bookedUser = booked?.facts;
  const subject = subjectOf(rule.subject ?? 'booking', scope, bookedUser);
  const actual = rule.operator === 'presentIff' ? getPath(subject, rule.field) : asLocalDateTime(getPath(subject, rule.field));
  switch (rule.operator) {
    case 'exists':
      // The handler looked the booking up on the caller's side before any rule.
      return { ok: true, actual };
    case 'in':
      return { ok: (rule.values ?? []).includes(actual), actual };
    case 'notIn':
      return { ok: !(rule.values ?? []).includes(actual), actual };
    case 'past':
    case 'notPast': {
      const at = instantOf(actual);
      // A time that cannot be read has not passed; "passed" includes the very moment itself.
      if (at === undefined) return { ok: false, actual };
      return { ok: rule.operator === 'past' ? at <= scope.now : at > scope.now, actual };
    }
    case 'before': {
      const limit = threshold(rule.than, scope, bookedUser);
      const at = instantOf(actual);
      const end = instantOf(asLocalDateTime(limit));
      return { ok: at !== undefined && end !== undefined && at < end, actual, limit };
    }
    case 'withinFromNow': {
      const at = instantOf(actual);
      return { ok: at !== undefined && at <= addMonths(scope.now, rule.months!), actual };
    }
    case 'atLeast': {
      const limit = threshold(rule.than, scope, bookedUser);
      if ((limit === null || limit === undefined) && rule.nullMeansNoLimit) return { ok: true, actual, limit };
      return { ok: typeof actual === 'number' && typeof limit === 'number' && actual >= limit - 1e-9, actual, limit };
    }
    case 'allowedBy': {
      const spec = rule.allowedBy!;
      const list = booked?.record(spec.record)[spec.list];
      const entry = Array.isArray(list) ? (list as Array<Record<string, unknown>>).find((e) => e[spec.key] === actual) : undefined;
      return { ok: entry?.[spec.flag] === true, actual };
    }
    case 'presentIff': {
      const present = actual !== undefined && actual !== null;
      return { ok: present === (threshold(rule.than, scope, bookedUser) === true), actual };
    }
  }
}

function show(value: unknown): string {
  return value === null || value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Evaluates the rules in order; the first that fails decides the answer. */
export function evaluate(prerequisites: Prerequisite[], scope: RuleScope): RuleOutcome {
  for (const rule of prerequisites) {
    if (rule.when && scope.booking && !holds(rule.when, scope.booking, scope.now)) continue;
    const targets = mentionsBookedUser(rule) ? (scope.bookedUsers ?? []) : [undefined];
    for (const booked of targets) {
      const result = passes(rule, scope, booked);
      if (result.ok) continue;
      const who = booked ? `User ${show(booked.facts.UserID)}: ` : '';
      const limit = 'limit' in result ? `; the limit is ${show(result.limit)}` : '';
      const message = rule.onFailure?.message ?? `${rule.description} ${who}${rule.field} is ${show(result.actual)}${limit}.`;
      return { ok: false, prerequisite: rule, status: rule.onFailure?.status ?? (rule.operator === 'exists' ? 404 : 409), message };
    }
  }
  return { ok: true };
}
