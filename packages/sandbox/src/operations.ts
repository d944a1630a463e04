import { DateOutOfRange, EARLIEST_LOCAL_DATE_TIME, LATEST_LOCAL_DATE_TIME, parseLocalDate, parseLocalDateTime } from './clock.js';
import { applyClone, applyUpdate, checkEffect, type Effect } from './effects.js';
import { INT32_MAX } from './json.js';
import { getPath, parseSortValue, readList, readResource, type ListSpec, type Resource } from './resources.js';
import { checkPrerequisites, evaluate, type Prerequisite } from './rules.js';
import { simulationOf } from './simulation.js';
import type { OpenApiDocument, Operation } from './spec.js';
import { SortedList, type SortedEntry } from './store/sorted-list.js';
import type { Item, ItemRecord, ListOrder, SandboxUser, Store } from './store.js';

export interface CallContext {
  /** Who sent the token. */
  caller: SandboxUser;
  /** Whose bookings the call is about: the caller, or the member a group manager acts for. */
  client: SandboxUser;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  now: number;
}

export interface Outcome {
  status: number;
  body: unknown;
  /** `body` already serialised as JSON, when the handler could do it more cheaply than JSON.stringify. */
  json?: string;
  /** The UTF-8 byte length of `json`, when the handler knows it without counting. */
  jsonBytes?: number;
  headers?: Record<string, string>;
  /** The handler changed the store; the pipeline makes the change durable before answering. */
  changed?: boolean;
}

/**
 * Stored items are never changed in place (an update or a clone makes a new object), so each
 * one's JSON can be written once and reused by every listing that shows it.
 */
const itemJsonCache = new WeakMap<object, { json: string; bytes: number }>();
function itemJson(item: object): { json: string; bytes: number } {
  let cached = itemJsonCache.get(item);
  if (cached === undefined) {
    const json = JSON.stringify(item);
    cached = { json, bytes: Buffer.byteLength(json, 'utf8') };
    itemJsonCache.set(item, cached);
  }
  return cached;
}

/** Handlers change memory and say so (`changed`); the pipeline makes the change durable before answering. */
export type Handler = (context: CallContext) => Outcome;

interface Pagination {
  pageParameter: string;
  sizeParameter: string;
  itemsProperty: string;
  pageCountProperty: string;
  totalProperty: string;
}

interface GroupManager {
  variantOf: string;
  memberParameter: string;
}

/** Everything an operation's extensions say, read and checked before any handler exists. */
export type Plan = {
  operation: Operation;
  resource: Resource;
  groupManager?: GroupManager;
} & ({ kind: 'list'; pagination: Pagination; list: ListSpec } | { kind: 'effect'; effect: Effect; prerequisites: Prerequisite[] });

export function error(status: number, message: string, headers?: Record<string, string>): Outcome {
  return { status, body: { Message: message }, ...(headers ? { headers } : {}) };
}

function notFound(id: number): Outcome {
  return error(404, `No booking with ID ${id} was found for this user.`);
}

function invalid(field: string, message: string): Outcome {
  return { status: 422, body: { Message: 'The request is invalid.', ModelState: { [field]: [message] } } };
}

function refused(outcome: { prerequisite: Prerequisite; message: string }): Outcome {
  return error(409, outcome.message, { 'X-Sandbox-Prerequisite': outcome.prerequisite.id });
}

/** Like the JSON cache: items never change in place, so each one's key per sort field can be kept. */
function sortKeyReader(field: string): (item: Record<string, unknown>) => number | string {
  const keys = new WeakMap<object, number | string>();
  return (item) => {
    let key = keys.get(item);
    if (key === undefined) keys.set(item, (key = sortKey(getPath(item, field))));
    return key;
  };
}

/** Date-times sort as instants, text case-insensitively (as SQL Server's default collation does). */
function sortKey(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return '';
  return parseLocalDateTime(value) ?? value.toLowerCase();
}

function listHandler(plan: Extract<Plan, { kind: 'list' }>, store: Store): Handler {
  const { pagination, list, resource } = plan;
  const filterSpecs = Object.entries(list.filters);
  const sortKeys = new Map<string, (item: Record<string, unknown>) => number | string>();
  const sortKeyOf = (field: string) => {
    let read = sortKeys.get(field);
    if (!read) sortKeys.set(field, (read = sortKeyReader(field)));
    return read;
  };
  const names = {
    pageCount: JSON.stringify(pagination.pageCountProperty),
    page: JSON.stringify(pagination.pageParameter),
    total: JSON.stringify(pagination.totalProperty),
    size: JSON.stringify(pagination.sizeParameter),
    items: JSON.stringify(pagination.itemsProperty),
  };
  // The schema admits a handful of sort values; each is read once.
  const sortValues = new Map<unknown, ReturnType<typeof parseSortValue>>();
  const sortValueOf = (value: unknown) => {
    if (sortValues.has(value)) return sortValues.get(value);
    const order = parseSortValue(value);
    if (sortValues.size < 64) sortValues.set(value, order);
    return order;
  };
  const orders = new Map<string, ListOrder>();
  // Without a sort value (none sent and no default) the order is the tie-break alone: by ID.
  const orderOf = (field: string | undefined, descending: boolean): ListOrder => {
    const name = `${field ?? ''}-${descending ? 'desc' : 'asc'}`;
    let order = orders.get(name);
    if (!order) orders.set(name, (order = { name, descending, key: field ? sortKeyOf(field) : () => 0 }));
    return order;
  };
  return ({ client, query }) => {
    const filters: Array<{ field: string; from: number }> = [];
    for (const [parameter, filter] of filterSpecs) {
      const raw = query[parameter];
      if (typeof raw !== 'string') continue;
      const from = parseLocalDate(raw);
      // The pattern admits 2018-02-31; a day that does not exist is refused like any bad input.
      if (from === undefined) {
        return { status: 422, body: { Message: 'The request is invalid.', ModelState: { [parameter]: [`${parameter} is not a calendar date.`] } } };
      }
      filters.push({ field: filter.field, from });
    }
    const order = list.sort ? sortValueOf(query[list.sort.parameter]) : undefined;
    const field = order ? list.sort!.fields[order.key] : undefined;
    const wanted = orderOf(field, order?.descending ?? false);
    const size = query[pagination.sizeParameter] as number;
    const page = query[pagination.pageParameter] as number;
    const start = (page - 1) * size;
    let total: number;
    let records: ItemRecord[];
    const [first, ...others] = filters;
    if (!first) {
      // The client's items are kept in every order a list has asked for: a page is a slice.
      const sorted = store.ordered(resource.schema, client.UserID, wanted);
      total = sorted.size;
      records = sorted.slice(start, start + size);
    } else {
      // Dates sort as instants after anything that is not a date, so the items on or after the
      // day are the end of the field's ascending order: only they are read, never the rest.
      const byField = store.ordered(resource.schema, client.UserID, orderOf(first.field, false));
      const from = byField.rank({ key: first.from, id: -Infinity });
      if (others.length === 0 && field === first.field) {
        total = byField.size - from;
        records = wanted.descending
          ? store.ordered(resource.schema, client.UserID, wanted).slice(start, Math.min(start + size, total))
          : byField.slice(from + start, Math.min(from + start + size, byField.size));
      } else {
        const matches: SortedEntry<ItemRecord>[] = [];
        for (const entry of byField.values(from)) {
          const item = entry.value.Item;
          if (others.every((filter) => onOrAfter(item, filter))) matches.push({ key: wanted.key(item), id: entry.id, value: entry.value });
        }
        const sorted = SortedList.from(wanted.descending, matches);
        total = sorted.size;
        records = sorted.slice(start, start + size);
      }
    }
    const items: Item[] = [];
    let itemsJson = '';
    let itemsBytes = 0;
    for (const record of records) {
      const cached = itemJson(record.Item);
      itemsJson += items.length === 0 ? cached.json : `,${cached.json}`;
      itemsBytes += cached.bytes + (items.length === 0 ? 0 : 1);
      items.push(record.Item);
    }
    const body = {
      [pagination.pageCountProperty]: Math.ceil(total / size),
      [pagination.pageParameter]: page,
      [pagination.totalProperty]: total,
      [pagination.sizeParameter]: size,
      [pagination.itemsProperty]: items,
    };
    // The same JSON.stringify(body) would write, with each item's JSON (and its length in bytes)
    // taken from the cache, so the answer's bytes are never counted again.
    const head = `{${names.pageCount}:${body[pagination.pageCountProperty]},${names.page}:${page},${names.total}:${total},${names.size}:${size},${names.items}:[`;
    return { status: 200, body, json: `${head}${itemsJson}]}`, jsonBytes: Buffer.byteLength(head, 'utf8') + itemsBytes + 2 };
  };
}

function onOrAfter(item: Record<string, unknown>, filter: { field: string; from: number }): boolean {
  const at = parseLocalDateTime(String(getPath(item, filter.field)));
  return at !== undefined && at >= filter.from;
}

function effectHandler(plan: Extract<Plan, { kind: 'effect' }>, store: Store): Handler {
  const { effect, prerequisites, resource } = plan;
  const simulation = simulationOf(resource.schema);
  if (effect.action === 'delete') {
    const idsProperty = resource.requestIdsProperty!;
    return ({ client, body, now }) => {
      const ids = String(body[idsProperty])
        .split(',')
        .map((part) => Number(part.trim()));
      // The pattern admits any digit string; an ID must still fit the int32 the results carry.
      const tooLarge = ids.filter((id) => !(id <= INT32_MAX));
      if (tooLarge.length > 0) {
        return {
          status: 422,
          body: { Message: 'The request is invalid.', ModelState: { [idsProperty]: [`Booking IDs must be at most ${INT32_MAX}; got ${tooLarge.join(', ')}.`] } },
        };
      }
      const results = ids.map((id) => {
        const record = store.find(resource.schema, client.UserID, id);
        if (!record) return { BookingID: id, Deleted: false, Message: `No booking with ID ${id} was found for this user.` };
        const outcome = evaluate(prerequisites, { item: record.Item, client: client as unknown as Record<string, unknown>, now });
        if (!outcome.ok) return { BookingID: id, Deleted: false, Message: outcome.message };
        store.remove(resource.schema, record);
        return { BookingID: id, Deleted: true, Message: effect.message ?? 'Deleted' };
      });
      return { status: 200, body: results, changed: results.some((r) => r.Deleted) };
    };
  }
  const idProperty = resource.requestIdProperty!;
  return ({ caller, client, body, now }) => {
    const id = body[idProperty] as number;
    const record = store.find(resource.schema, client.UserID, id);
    if (!record) return notFound(id);
    const outcome = evaluate(prerequisites, { item: record.Item, client: client as unknown as Record<string, unknown>, now });
    if (!outcome.ok) return refused(outcome);
    const context = { now, request: body, caller: caller as unknown as Record<string, unknown> };
    let changed: Item;
    try {
      changed = effect.action === 'update' ? applyUpdate(effect, simulation, record.Item, context) : applyClone(effect, simulation, record.Item, context);
    } catch (error) {
      // A date the effect computes (now + 5 minutes at the end of 9999) that no API date-time can hold.
      if (!(error instanceof DateOutOfRange)) throw error;
      return invalid('X-Sandbox-Now', `The ${effect.action} would write a date-time outside ${EARLIEST_LOCAL_DATE_TIME}..${LATEST_LOCAL_DATE_TIME}; pick an earlier time.`);
    }
    if (effect.action === 'update') {
      store.update(resource.schema, record, changed);
      return { status: 200, body: changed, changed: true };
    }
    const newId = store.nextId(resource.schema);
    // The new item's ID must stay an Int32, as every ID the API hands out is; it never wraps.
    if (newId > INT32_MAX) return invalid(idProperty, `The sandbox has no ${resource.idProperty} left for the new booking: IDs end at ${INT32_MAX}.`);
    changed[resource.idProperty] = newId;
    store.insert(resource.schema, { ClientUserID: record.ClientUserID, Item: changed });
    return { status: 200, body: changed, changed: true };
  };
}

/**
 * Reads every operation's extensions. An operation the sandbox cannot interpret stops the
 * start-up: the sandbox serves the whole spec or refuses to run.
 */
export function planOperations(doc: OpenApiDocument, operations: Operation[]): Plan[] {
  const plans = operations.map((operation): Plan => {
    const id = operation.operationId;
    const resource = readResource(doc, operation);
    const groupManager = operation.raw['x-adultwork-group-manager'] as GroupManager | undefined;
    if (groupManager !== undefined && !operation.parameters.some((p) => p.in === 'query' && p.name === groupManager.memberParameter)) {
      throw new Error(`${id}: x-adultwork-group-manager names memberParameter ${String(groupManager.memberParameter)}, which is not a query parameter`);
    }
    const common = { operation, resource, ...(groupManager ? { groupManager } : {}) };
    const pagination = operation.raw['x-adultwork-pagination'] as Pagination | undefined;
    if (pagination) return { ...common, kind: 'list', pagination, list: readList(doc, operation, resource) };
    const effect = checkEffect(id, operation.raw['x-adultwork-effect']);
    if (!effect) throw new Error(`${id}: neither x-adultwork-pagination nor x-adultwork-effect says what it does`);
    const needs = effect.action === 'delete' ? 'requestIdsProperty' : 'requestIdProperty';
    if (!resource[needs]) throw new Error(`${id}: x-adultwork-resource has no ${needs}, which a ${effect.action} effect needs to find the items the request names`);
    return { ...common, kind: 'effect', effect, prerequisites: checkPrerequisites(id, operation.raw['x-adultwork-prerequisites']) };
  });
  for (const plan of plans) {
    if (!plan.groupManager) continue;
    const mirrored = plans.find((other) => other.operation.operationId === plan.groupManager!.variantOf);
    if (!mirrored) throw new Error(`${plan.operation.operationId}: x-adultwork-group-manager names unknown operation ${plan.groupManager.variantOf}`);
    if (mirrored.resource.schema !== plan.resource.schema) {
      throw new Error(`${plan.operation.operationId}: acts on ${plan.resource.schema} but mirrors ${mirrored.operation.operationId}, which acts on ${mirrored.resource.schema}`);
    }
  }
  return plans;
}

/**
 * One handler per operation, each from its own extensions. A group-manager operation is built
 * like any other and then answers as if the member it names had called it.
 */
export function buildHandlers(plans: Plan[], store: Store): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const plan of plans) {
    const own = plan.kind === 'list' ? listHandler(plan, store) : effectHandler(plan, store);
    const twin = plan.groupManager;
    if (!twin) {
      handlers.set(plan.operation.operationId, own);
      continue;
    }
    handlers.set(plan.operation.operationId, (context) => {
      const memberId = context.query[twin.memberParameter] as number;
      const member = store.user(memberId);
      if (!member || !store.manages(context.caller.UserID, memberId)) {
        return error(403, `You do not manage a group that user ${memberId} belongs to.`);
      }
      return own({ ...context, client: member });
    });
  }
  return handlers;
}
