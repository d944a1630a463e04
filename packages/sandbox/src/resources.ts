import type { Operation } from './spec.js';
import { resolveRef, type JsonObject, type OpenApiDocument } from './spec.js';

/**
 * Reads an operation's `x-adultwork-resource` and `x-adultwork-list` (see docs/extensions.md) and
 * checks them against the spec they sit in, so that a misspelt schema, property or parameter
 * stops the start-up instead of quietly matching nothing.
 */

/** An operation's `x-adultwork-resource`: what it reads or changes, and from which side. */
export interface Resource {
  kind: 'booking' | 'record' | 'creditBalance' | 'creditHistory';
  /** Component schema of the answer's item. */
  schema: string;
  service?: string;
  side?: 'client' | 'performer';
  /** Property of the item that holds its ID (Webcam calls it `WebcamBookingID`). */
  idProperty?: string;
  /** Input naming one booking (a body member for a POST, a query parameter for a GET). */
  requestIdProperty?: string;
  /** Input naming several, as a comma-separated string. */
  requestIdsProperty?: string;
  /** Input naming the users to book. */
  requestInviteeProperty?: string;
  record?: string;
  owner?: 'caller' | { parameter: string; list?: boolean; max?: number; wrapInto?: string };
  grantedScopes?: { list: string; key: string; set?: Record<string, unknown> };
}

export type FilterOperator = 'onOrAfterDate';
const FILTER_OPERATORS = new Set<string>(['onOrAfterDate']);

/** An operation's `x-adultwork-list`. */
export interface ListSpec {
  /** Query parameter → the item field it filters and how. */
  filters: Record<string, { field: string; operator: FilterOperator }>;
  /** Query parameter whose values are `<key>-asc|desc`, and the item field (dotted path) of each key. */
  sort?: { parameter: string; fields: Record<string, string> };
}

/** A reader of `path` (`Candidate.Nickname`) in any value: undefined where the path leads nowhere. */
export function pathReader(path: string): (value: unknown) => unknown {
  let read = readers.get(path);
  if (read === undefined) {
    const keys = path.split('.');
    read = (value) => {
      let current = value;
      for (const key of keys) {
        if (!current || typeof current !== 'object') return undefined;
        current = (current as Record<string, unknown>)[key];
      }
      return current;
    };
    if (readers.size < 4096) readers.set(path, read);
  }
  return read;
}
// The paths are the spec's and the fixtures' (a few dozen), read on every request: each is split once.
const readers = new Map<string, (value: unknown) => unknown>();

export function getPath(value: unknown, path: string): unknown {
  return pathReader(path)(value);
}

/** `nickname-desc` → `{key: 'nickname', descending: true}`; anything else → undefined. */
export function parseSortValue(value: unknown): { key: string; descending: boolean } | undefined {
  const match = typeof value === 'string' ? /^(.+)-(asc|desc)$/.exec(value) : null;
  return match ? { key: match[1]!, descending: match[2] === 'desc' } : undefined;
}

const isObject = (value: unknown): value is JsonObject => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The schema of property `name` of `schema`, looking through `$ref`s and `allOf` bases. */
function propertySchema(doc: OpenApiDocument, schema: unknown, name: string): JsonObject | undefined {
  const resolved = resolveRef(doc, schema);
  const own = (resolved.properties as Record<string, JsonObject> | undefined)?.[name];
  if (own) return own;
  for (const base of (resolved.allOf as unknown[] | undefined) ?? []) {
    const found = propertySchema(doc, base, name);
    if (found) return found;
  }
  return undefined;
}

/** The schema at a dotted path (`Candidate.Nickname`), or undefined when the schema has no such field. */
function pathSchema(doc: OpenApiDocument, schema: unknown, path: string): JsonObject | undefined {
  let current: JsonObject | undefined = schema as JsonObject;
  for (const segment of path.split('.')) {
    current = current ? propertySchema(doc, current, segment) : undefined;
  }
  return current;
}

function types(doc: OpenApiDocument, schema: JsonObject): string[] {
  const type = resolveRef(doc, schema).type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/** Reads and checks `x-adultwork-resource`; every operation must have one. */
export function readResource(doc: OpenApiDocument, operation: Operation): Resource {
  const where = `${operation.operationId}: x-adultwork-resource`;
  const raw = operation.raw['x-adultwork-resource'];
  if (raw === undefined) throw new Error(`${operation.operationId}: no x-adultwork-resource says which items it acts on`);
  if (!isObject(raw)) throw new Error(`${where} must be an object {kind, schema, ...}`);
  const resource = raw as unknown as Resource;
  if (!['booking', 'record', 'creditBalance', 'creditHistory'].includes(resource.kind)) throw new Error(`${where}: unknown kind ${JSON.stringify(resource.kind)}`);
  if (!isName(resource.schema) || !doc.components.schemas[resource.schema]) throw new Error(`${where} names no component schema: ${JSON.stringify(resource.schema)}`);
  const itemSchema = { $ref: `#/components/schemas/${resource.schema}` };
  if (resource.kind === 'booking') {
    const id = isName(resource.idProperty) ? propertySchema(doc, itemSchema, resource.idProperty) : undefined;
    // The store keys bookings by number, and requests send IDs as integers (or digit strings).
    if (!id || !types(doc, id).includes('integer')) throw new Error(`${where}: idProperty ${JSON.stringify(resource.idProperty)} is not an integer property of ${resource.schema}`);
  }
  const body = operation.requestBody?.content['application/json']?.schema;
  const hasInput = (name: string) => (body ? Boolean(propertySchema(doc, body, name)) : operation.parameters.some((p) => p.in === 'query' && p.name === name));
  for (const key of ['requestIdProperty', 'requestIdsProperty', 'requestInviteeProperty'] as const) {
    const value = resource[key];
    if (value === undefined) continue;
    if (!isName(value) || !hasInput(value)) {
      throw new Error(`${where}: ${key} ${JSON.stringify(value)} is not ${body ? "a property of the operation's JSON request body" : 'a query parameter of the operation'}`);
    }
  }
  if (typeof resource.owner === 'object' && !hasInput(resource.owner.parameter)) {
    throw new Error(`${where}: owner.parameter ${resource.owner.parameter} is not an input of the operation`);
  }
  return resource;
}

/** Reads and checks `x-adultwork-list`; every paginated list must have one. */
export function readList(doc: OpenApiDocument, operation: Operation, resource: Resource): ListSpec {
  const where = `${operation.operationId}: x-adultwork-list`;
  const raw = operation.raw['x-adultwork-list'];
  if (raw === undefined) throw new Error(`${operation.operationId}: a list without x-adultwork-list (how it filters and sorts)`);
  if (!isObject(raw)) throw new Error(`${where} must be an object {filters, sort}`);
  const itemSchema = { $ref: `#/components/schemas/${resource.schema}` };
  const queryParameter = (name: string) => operation.parameters.find((p) => p.in === 'query' && p.name === name);
  const checkField = (field: unknown, what: string): string => {
    if (!isName(field) || !pathSchema(doc, itemSchema, field)) throw new Error(`${where}: ${what} names ${JSON.stringify(field)}, which is not a field of ${resource.schema}`);
    return field;
  };

  const filters: ListSpec['filters'] = {};
  if (raw.filters !== undefined && !isObject(raw.filters)) throw new Error(`${where}: filters must be an object`);
  for (const [parameter, filter] of Object.entries((raw.filters as JsonObject | undefined) ?? {})) {
    if (!queryParameter(parameter)) throw new Error(`${where}: filter ${parameter} is not a query parameter of the operation`);
    if (!isObject(filter) || !FILTER_OPERATORS.has(String(filter.operator))) {
      throw new Error(`${where}: filter ${parameter} has unknown operator ${JSON.stringify(isObject(filter) ? filter.operator : filter)} (known: ${[...FILTER_OPERATORS].join(', ')})`);
    }
    filters[parameter] = { field: checkField(filter.field, `filter ${parameter}`), operator: filter.operator as FilterOperator };
  }

  if (raw.sort === undefined) return { filters };
  const sort = raw.sort;
  if (!isObject(sort) || !isName(sort.parameter) || !isObject(sort.fields)) throw new Error(`${where}: sort must be {parameter, fields}`);
  const parameter = queryParameter(sort.parameter);
  if (!parameter) throw new Error(`${where}: sort parameter ${sort.parameter} is not a query parameter of the operation`);
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(sort.fields)) fields[key] = checkField(field, `sort key ${key}`);
  // Every value the parameter admits must sort on something: a key without a field would
  // silently fall back to ID order.
  const admitted = (resolveRef(doc, parameter.schema).enum as unknown[] | undefined) ?? [];
  for (const value of admitted) {
    const order = parseSortValue(value);
    if (!order) throw new Error(`${where}: ${sort.parameter} admits ${JSON.stringify(value)}, which is not <key>-asc or <key>-desc`);
    if (!(order.key in fields)) throw new Error(`${where}: ${sort.parameter} admits ${String(value)} but sort.fields has no "${order.key}"`);
  }
  return { filters, sort: { parameter: sort.parameter, fields } };
}

