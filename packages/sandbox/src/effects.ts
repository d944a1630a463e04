import { formatLocalDateTime } from './clock.js';
import { getPath } from './resources.js';
import type { Simulation } from './simulation.js';
import type { Item } from './store.js';

/** An operation's `x-adultwork-effect`. */
export type Effect =
  | { action: 'update'; set: Record<string, unknown> }
  | { action: 'clone'; set: Record<string, unknown>; sessionDateFromNowMinutes: { min: number; max: number } }
  | { action: 'delete'; perItem?: boolean; message?: string };

export interface EffectContext {
  now: number;
  request: Record<string, unknown>;
  caller: Record<string, unknown>;
}

export function checkEffect(operationId: string, raw: unknown): Effect | undefined {
  if (raw === undefined) return undefined;
  const effect = raw as Effect;
  switch (effect.action) {
    case 'update':
      if (!effect.set || typeof effect.set !== 'object') throw new Error(`${operationId}: an update effect needs "set"`);
      return effect;
    case 'clone': {
      const window = effect.sessionDateFromNowMinutes;
      if (!window || !(window.min >= 0) || !(window.max >= window.min)) {
        throw new Error(`${operationId}: a clone effect needs sessionDateFromNowMinutes {min, max} with 0 <= min <= max`);
      }
      return effect;
    }
    case 'delete':
      return effect;
    default:
      throw new Error(`${operationId}: unknown effect action ${String((effect as { action: unknown }).action)}`);
  }
}

const WHOLE_PLACEHOLDER = /^\{([A-Za-z]+)(?:\.([A-Za-z0-9_.]+))?\}$/;

function placeholder(scope: string, path: string | undefined, context: EffectContext, item: Item): unknown {
  switch (scope) {
    case 'now':
      return formatLocalDateTime(context.now);
    case 'request':
      return path ? (getPath(context.request, path) ?? null) : null;
    case 'caller':
      return path ? (getPath(context.caller, path) ?? null) : null;
    case 'item':
      return path ? (getPath(item, path) ?? null) : null;
    default:
      throw new Error(`Unknown placeholder scope {${scope}}`);
  }
}

/** `{now}` → the time; a value that is one placeholder keeps the placeholder's type. */
export function interpolate(template: unknown, context: EffectContext, item: Item): unknown {
  if (typeof template !== 'string') return template;
  const whole = WHOLE_PLACEHOLDER.exec(template);
  if (whole) return placeholder(whole[1]!, whole[2], context, item);
  return template.replace(/\{([A-Za-z]+)(?:\.([A-Za-z0-9_.]+))?\}/g, (_, scope: string, path?: string) => {
    const value = placeholder(scope, path, context, item);
    return value === null || value === undefined ? '' : String(value);
  });
}

function applyDerived(simulation: Simulation, item: Item, explicitlySet: Set<string>): void {
  for (const [field, rule] of Object.entries(simulation.derived ?? {})) {
    if (explicitlySet.has(field) || !(field in item)) continue;
    const template = rule.values[String(getPath(item, rule.from))];
    if (template === undefined) continue;
    item[field] = template === null ? null : template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_, path: string) => String(getPath(item, path) ?? ''));
  }
}

function applySet(set: Record<string, unknown>, item: Item, context: EffectContext): Item {
  const next: Item = { ...item };
  for (const [field, template] of Object.entries(set)) {
    // A field the resource does not have (Webcam bookings have no ActionClient) is not invented.
    if (field in item) next[field] = interpolate(template, context, item);
  }
  return next;
}

export function applyUpdate(effect: Extract<Effect, { action: 'update' }>, simulation: Simulation, item: Item, context: EffectContext): Item {
  const next = applySet(effect.set, item, context);
  applyDerived(simulation, next, new Set(Object.keys(effect.set)));
  return next;
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
export function applyClone(effect: Extract<Effect, { action: 'clone' }>, simulation: Simulation, original: Item, context: EffectContext): Item {
  const copy = applySet(effect.set, structuredClone(original), context);
  const session = cloneSessionDate(context.now, effect.sessionDateFromNowMinutes);
  copy.SessionDate = formatLocalDateTime(session);
  for (const [field, minutesBefore] of Object.entries(simulation.cloneRelativeToSessionDate ?? {})) {
    if (field in copy && !(field in effect.set)) copy[field] = formatLocalDateTime(session - minutesBefore * 60_000);
  }
  applyDerived(simulation, copy, new Set(Object.keys(effect.set)));
  return copy;
}
