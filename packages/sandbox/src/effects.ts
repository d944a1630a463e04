import { formatLocalDateTime } from './clock.js';
import { getPath, pathReader } from './resources.js';
import { asLocalDateTime, holds } from './rules.js';
import type { Simulation } from './simulation.js';
import type { Item } from './store.js';
import type { Condition } from './world.js';

/** An operation's `x-adultwork-effect` (see docs/extensions.md). */
export type Effect =
  | {
      action: 'update';
      set: Record<string, unknown>;
      defaults?: Record<string, unknown>;
      siblings?: { set: Record<string, unknown> };
      credits?: { debit: 'caller'; amount: string; historyEntry?: Record<string, unknown> };
    }
  | { action: 'clone'; set: Record<string, unknown>; sessionDateFromNowMinutes: { min: number; max: number } }
  | {
      action: 'create';
      set: Record<string, unknown>;
      invitees: { parameter: string; max?: number; multipleFlag?: string; firstAcceptWins?: boolean; respondWith?: 'first' };
      companion?: { service: string; when: Condition; set: Record<string, unknown> };
    }
  | { action: 'delete'; perItem?: boolean; message?: string }
  | { action: 'save'; record: string; fields: string[] };

/** What `{scope.Path}` templates can name. */
export interface TemplateContext {
  now: number;
  request: Record<string, unknown>;
  caller: Record<string, unknown>;
  booking?: Item;
  invitee?: Record<string, unknown> | undefined;
}

export function checkEffect(operationId: string, raw: unknown): Effect | undefined {
  if (raw === undefined) return undefined;
  const effect = raw as Effect;
  const needsSet = () => {
    if (!('set' in effect) || !effect.set || typeof effect.set !== 'object') throw new Error(`${operationId}: a ${effect.action} effect needs "set"`);
  };
  switch (effect.action) {
    case 'update':
      needsSet();
      if (effect.credits && (effect.credits.debit !== 'caller' || typeof effect.credits.amount !== 'string')) {
        throw new Error(`${operationId}: credits must be {debit: caller, amount}`);
      }
      return effect;
    case 'clone': {
      needsSet();
      const window = effect.sessionDateFromNowMinutes;
      if (!window || !(window.min >= 0) || !(window.max >= window.min)) {
        throw new Error(`${operationId}: a clone effect needs sessionDateFromNowMinutes {min, max} with 0 <= min <= max`);
      }
      return effect;
    }
    case 'create':
      needsSet();
      if (!effect.invitees?.parameter) throw new Error(`${operationId}: a create effect needs invitees.parameter`);
      return effect;
    case 'delete':
      return effect;
    case 'save':
      if (typeof effect.record !== 'string' || !Array.isArray(effect.fields)) throw new Error(`${operationId}: a save effect needs record and fields`);
      return effect;
    default:
      throw new Error(`${operationId}: unknown effect action ${String((effect as { action: unknown }).action)}`);
  }
}

const WHOLE_PLACEHOLDER = /^\{([A-Za-z]+)(?:\.([A-Za-z0-9_.]+))?\}$/;
const PLACEHOLDERS = /\{([A-Za-z]+)(?:\.([A-Za-z0-9_.]+))?\}/g;

/** A template read once: what it makes from a context. */
type Compiled = (context: TemplateContext) => unknown;

function compilePlaceholder(scope: string, path: string | undefined): Compiled {
  const get = path ? pathReader(path) : undefined;
  const read = (subject: (context: TemplateContext) => unknown): Compiled => (get ? (context) => get(subject(context)) ?? null : () => null);
  switch (scope) {
    case 'now':
      return (context) => formatLocalDateTime(context.now);
    case 'request': {
      // A request date-time (yyyy-MM-dd HH:mm) becomes the API's LocalDateTime.
      const value = read((context) => context.request);
      return (context) => asLocalDateTime(value(context));
    }
    case 'caller':
      return read((context) => context.caller);
    case 'booking':
    case 'item':
      return read((context) => context.booking);
    case 'invitee':
      return read((context) => context.invitee);
    default:
      throw new Error(`Unknown placeholder scope {${scope}}`);
  }
}

// Templates come from the spec, so there are only so many; each is parsed on first use.
const compiledTemplates = new Map<string, Compiled>();

function compile(template: string): Compiled {
  let compiled = compiledTemplates.get(template);
  if (compiled) return compiled;
  const whole = WHOLE_PLACEHOLDER.exec(template);
  if (whole) compiled = compilePlaceholder(whole[1]!, whole[2]);
  else {
    const parts: Array<string | Compiled> = [];
    let at = 0;
    for (const match of template.matchAll(PLACEHOLDERS)) {
      if (match.index > at) parts.push(template.slice(at, match.index));
      parts.push(compilePlaceholder(match[1]!, match[2]));
      at = match.index + match[0].length;
    }
    if (at < template.length) parts.push(template.slice(at));
    compiled = (context) => {
      let text = '';
      for (const part of parts) {
        if (typeof part === 'string') text += part;
        else {
          const value = part(context);
          if (value !== null && value !== undefined) text += String(value);
        }
      }
      return text;
    };
  }
  compiledTemplates.set(template, compiled);
  return compiled;
}

/** `{now}` → the time; a value that is one placeholder keeps the placeholder's type. */
export function interpolate(template: unknown, context: TemplateContext): unknown {
  return typeof template === 'string' ? compile(template)(context) : template;
}

/** Whether a `set` (or anything else) writes the time of the call: such results cannot be cached. */
export function usesNow(value: unknown): boolean {
  return JSON.stringify(value).includes('{now}');
}

const isConditional = (value: unknown): value is { template: unknown; when: Condition } =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value) && 'template' in (value as object) && 'when' in (value as object);

/** A `set` read once for one item schema: the members it writes, plain ones first, then the conditional ones. */
interface CompiledSet {
  plain: Array<{ field: string; make: Compiled }>;
  conditional: Array<{ field: string; make: Compiled; when: Condition }>;
}

const constantOr = (template: unknown): Compiled => (typeof template === 'string' ? compile(template) : () => template);

const compiledSets = new WeakMap<Record<string, unknown>, WeakMap<ReadonlySet<string>, CompiledSet>>();

function compileSet(set: Record<string, unknown>, members: ReadonlySet<string>): CompiledSet {
  let bySchema = compiledSets.get(set);
  if (!bySchema) compiledSets.set(set, (bySchema = new WeakMap()));
  let compiled = bySchema.get(members);
  if (!compiled) {
    compiled = { plain: [], conditional: [] };
    for (const [field, template] of Object.entries(set)) {
      if (!members.has(field)) continue;
      if (isConditional(template)) compiled.conditional.push({ field, make: constantOr(template.template), when: template.when });
      else compiled.plain.push({ field, make: constantOr(template) });
    }
    bySchema.set(members, compiled);
  }
  return compiled;
}

/**
 * `set` applied to a copy of `base`: plain entries first, then the `{template, when}` ones, whose
 * condition is read on the booking the plain entries made. `{booking.X}` is `base`. Only members
 * in `members` are written (a Webcam booking has no ActionClient).
 */
export function applySet(set: Record<string, unknown>, base: Item, context: TemplateContext, members: ReadonlySet<string>, now: number): Item {
  const { plain, conditional } = compileSet(set, members);
  const scope: TemplateContext = { now: context.now, request: context.request, caller: context.caller, booking: base, invitee: context.invitee };
  const next: Item = { ...base };
  for (const { field, make } of plain) next[field] = make(scope);
  for (const { field, make, when } of conditional) next[field] = holds(when, next, now) ? make(scope) : null;
  return next;
}

/** Derives the simulation's fields of `item` that `set` (the effect's own) leaves alone. */
export function applyDerived(simulation: Simulation, item: Item, set: Record<string, unknown>): void {
  if (simulation.derived === undefined) return;
  for (const field in simulation.derived) {
    const rule = simulation.derived[field]!;
    if (field in set || !(field in item)) continue;
    const template = rule.values[String(getPath(item, rule.from))];
    if (template === undefined) continue;
    item[field] = template === null ? null : template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_, path: string) => String(getPath(item, path) ?? ''));
  }
}

/**
 * The new session starts at the first whole minute at least `min` minutes from now. That is
 * always inside the documented window (it is at most min + 1 minutes away, and the window is
 * wider than a minute), and it is deterministic, so tests can state the exact value.
 */
export function cloneSessionDate(now: number, window: { min: number; max: number }): number {
  const earliest = now + window.min * 60_000;
  const rounded = Math.ceil(earliest / 60_000) * 60_000;
  return rounded <= now + window.max * 60_000 ? rounded : earliest;
}

/**
 * The copy a clone makes, without its new ID: the caller takes an ID only once the copy exists,
 * so a copy that cannot be made (a date past 9999, thrown as DateOutOfRange) uses none up.
 */
export function applyClone(
  effect: Extract<Effect, { action: 'clone' }>,
  simulation: Simulation,
  original: Item,
  context: TemplateContext,
  members: ReadonlySet<string>,
): Item {
  const session = cloneSessionDate(context.now, effect.sessionDateFromNowMinutes);
  const moved = { ...structuredClone(original), SessionDate: formatLocalDateTime(session) };
  const copy = applySet(effect.set, moved, context, members, context.now);
  for (const [field, minutesBefore] of Object.entries(simulation.cloneRelativeToSessionDate ?? {})) {
    if (field in copy && !(field in effect.set)) copy[field] = formatLocalDateTime(session - minutesBefore * 60_000);
  }
  applyDerived(simulation, copy, effect.set);
  return copy;
}
