import { checkNumber, describe, fail, isPlainObject } from './config.js';
import type { FieldRule, Operation } from './operation.js';

const INT32_MAX = 2_147_483_647;

/** A booking or user ID: a positive 32-bit integer, as the spec says. */
export const checkId = (value: unknown, name: string): number => checkNumber(value, name, 1, INT32_MAX);

// Compiled once per pattern: the same few patterns serve every operation.
const patterns = new Map<string, RegExp>();
const patternOf = (source: string): RegExp => {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(source, 'u')));
  return pattern;
};

function checkField(rule: FieldRule, value: unknown): unknown {
  const { name } = rule;
  if (value === null) return rule.nullable ? value : fail(`${name} must not be null`);
  if (rule.type === 'ids' && Array.isArray(value)) {
    // The API takes IDs as one comma-separated string; the SDK also takes an array and joins it.
    if (value.length === 0) throw new RangeError(`${name} must not be empty: give at least one ID`);
    value = value.map((id, index) => checkId(id, `${name}[${index}]`)).join(',');
  }
  if (rule.enum) {
    if (!rule.enum.includes(value as string)) throw new (typeof value === typeof rule.enum[0] ? RangeError : TypeError)(`${name} must be one of ${rule.enum.join(', ')}, got ${describe(value)}`);
    return value;
  }
  switch (rule.type) {
    case 'integer':
    case 'number':
      return checkNumber(value, name, rule.minimum ?? -Number.MAX_VALUE, rule.maximum ?? Number.MAX_VALUE, rule.type === 'integer');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(`${name} must be true or false, got ${describe(value)}`);
    case 'object':
      return isPlainObject(value) ? value : fail(`${name} must be an object, got ${describe(value)}`);
    case 'array':
      return Array.isArray(value) ? value : fail(`${name} must be an array, got ${describe(value)}`);
    default: {
      if (typeof value !== 'string') fail(`${name} must be ${rule.type === 'ids' ? 'an array of IDs or a comma-separated string' : 'a string'}, got ${describe(value)}`);
      const text = value as string;
      if (text.length < (rule.minLength ?? 0) || text.length > (rule.maxLength ?? Infinity)) {
        throw new RangeError(`${name} must be from ${rule.minLength ?? 0} to ${rule.maxLength ?? 'any number of'} characters long, got ${text.length}`);
      }
      // The value is quoted back only when short: a long string is more likely something private.
      if (rule.pattern && !patternOf(rule.pattern).test(text)) {
        throw new RangeError(`${name} must match /${rule.pattern}/${text.length <= 40 ? `, got "${text}"` : ''}`);
      }
      return text;
    }
  }
}

/**
 * Checks the input of an operation (its query parameters or body) against the rules generated from
 * the spec, and returns what to send: the same object, or a copy when an ID array was joined.
 * `omit` is a member the caller may not give (the group view fills the member's UserID itself).
 */
export function checkInput(operation: Operation, input: unknown, omit?: string): Record<string, unknown> | undefined {
  const { fields, id } = operation;
  if (input === undefined) {
    const required = fields.filter((rule) => rule.required && rule.name !== omit);
    if (required.length) fail(`${id} needs ${required.map((rule) => rule.name).join(', ')}`);
    return undefined;
  }
  // A bare array stands for a body that is one list of IDs: deleteMadeBookings([1, 2]).
  const only = fields.length === 1 ? fields[0] : undefined;
  if (Array.isArray(input) && only?.type === 'ids') input = { [only.name]: input };
  if (!isPlainObject(input)) fail(`${id} takes an object of its parameters, got ${describe(input)}`);
  const given = input as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (key === omit) fail(`${id}: ${key} comes from the group member view; do not give it`);
    if (!fields.some((rule) => rule.name === key)) {
      fail(`${id}: unknown parameter "${key}"; known: ${fields.map((rule) => rule.name).filter((name) => name !== omit).join(', ')}`);
    }
  }
  let output = given;
  for (const rule of fields) {
    const value = given[rule.name];
    if (value === undefined) {
      if (rule.required && rule.name !== omit) fail(`${id} needs ${rule.name}`);
      continue;
    }
    const checked = checkField(rule, value);
    if (checked !== value) {
      if (output === given) output = { ...given };
      output[rule.name] = checked;
    }
  }
  return output;
}
