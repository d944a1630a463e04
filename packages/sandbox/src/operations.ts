import { DateOutOfRange, EARLIEST_LOCAL_DATE_TIME, LATEST_LOCAL_DATE_TIME, parseLocalDate, parseLocalDateTime } from './clock.js';
import { applyClone, applyDerived, applySet, checkEffect, interpolate, usesNow, type Effect, type TemplateContext } from './effects.js';
import { INT32_MAX } from './json.js';
import { getPath, parseSortValue, readList, readResource, type ListSpec, type Resource } from './resources.js';
import { checkPrerequisites, evaluate, holds, type Prerequisite, type RuleOutcome, type RuleScope } from './rules.js';
import { simulationOf } from './simulation.js';
import type { JsonObject, OpenApiDocument, Operation } from './spec.js';
import { SortedList, type SortedEntry } from './store/sorted-list.js';
import type { BookingRecord, CreditRecord, Item, ListOrder, SandboxUser, Side, Store } from './store.js';
import { BookingViews, componentRef, emptyValue, partyOf, propertiesOf, UserFacts, type Condition, type ServiceModel, type WorldModel } from './world.js';

export interface CallContext {
  /** Whose data the call is about: the token's user, or the member a group manager acts for. */
  caller: SandboxUser;
  /** The user the access token belongs to. */
  tokenUser: SandboxUser;
  /** The scopes the access token grants. */
  scopes: readonly string[];
  /** Shared by every request with the same query string: read it, never change it. */
  query: Readonly<Record<string, unknown>>;
  body: Record<string, unknown>;
  now: number;
}

export interface Outcome {
  status: number;
  body: unknown;
  /** `body` already serialised as JSON (UTF-8), when the handler could do it more cheaply than JSON.stringify. */
  json?: Buffer;
  headers?: Record<string, string>;
  /** The handler changed the store; the pipeline makes the change durable before answering. */
  changed?: boolean;
}

/**
 * Stored items are never changed in place (an update or a clone makes a new object), so each
 * one's JSON can be written once and reused by every listing that shows it.
 */
const itemJsonCache = new WeakMap<object, string>();
function itemJson(item: object): string {
  let json = itemJsonCache.get(item);
  if (json === undefined) itemJsonCache.set(item, (json = JSON.stringify(item)));
  return json;
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pageText(head: string, views: readonly object[]): string {
  let text = head;
  for (let i = 0; i < views.length; i++) text += i === 0 ? itemJson(views[i]!) : `,${itemJson(views[i]!)}`;
  return `${text}]}`;
}

const PAGES_REMEMBERED = 16;
const pageAnswers = new WeakMap<object, Map<string, { views: readonly object[]; json: Buffer }>>();

/**
 * A page's JSON: its head (counts and page number, up to the items' opening bracket) and its
 * items. The same head over the same view objects is the same bytes, so the last few pages of
 * each list are kept as bytes and a page read again (by a poll, or a client paging) is sent as
 * it is, with nothing written or counted again.
 */
function pageJson(list: object, head: string, views: readonly object[]): Buffer {
  let answers = pageAnswers.get(list);
  if (!answers) pageAnswers.set(list, (answers = new Map()));
  const known = answers.get(head);
  if (known && sameObjects(known.views, views)) return known.json;
  const json = Buffer.from(pageText(head, views), 'utf8');
  if (answers.size >= PAGES_REMEMBERED) answers.clear();
  answers.set(head, { views, json });
  return json;
}

/** Handlers change memory and say so (`changed`); the pipeline makes the change durable before answering. */
export type Handler = (context: CallContext) => Outcome;

interface Pagination {
  pageParameter: string;
  sizeParameter: string;
  itemsProperty: string;
  pageCountProperty: string;
  pageNumberProperty: string;
  pageSizeProperty: string;
  totalProperty?: string;
  startsAt: 'first' | 'last';
  emptyPageNumberMeans?: 'first' | 'last';
}

interface GroupManager {
  variantOf: string;
  memberParameter: string;
  memberIn: 'query' | 'body';
}

type OptionalScopes = Record<string, { fields: string[]; withoutScope: unknown }>;

/** Everything an operation's extensions say, read and checked before any handler exists. */
export interface Plan {
  operation: Operation;
  resource: Resource;
  groupManager?: GroupManager;
  pagination?: Pagination;
  list?: ListSpec;
  effect?: Effect;
  prerequisites: Prerequisite[];
  optionalScopes?: OptionalScopes;
  bodyDefaults?: Record<string, unknown>;
}

export function error(status: number, message: string, headers?: Record<string, string>): Outcome {
  return { status, body: { Message: message }, ...(headers ? { headers } : {}) };
}

function notFound(id: unknown): Outcome {
  return error(404, `No booking with ID ${String(id)} was found for this user.`);
}

function invalid(field: string, message: string): Outcome {
  return { status: 422, body: { Message: 'The request is invalid.', ModelState: { [field]: [message] } } };
}

function refused(outcome: Extract<RuleOutcome, { ok: false }>): Outcome {
  const headers = { 'X-Sandbox-Prerequisite': outcome.prerequisite.id };
  if (outcome.status === 422) return { ...invalid(outcome.prerequisite.field, outcome.message), headers };
  return error(outcome.status, outcome.message, headers);
}

/** Date-times sort as instants, text case-insensitively (as SQL Server's default collation does). */
function sortKey(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return '';
  return parseLocalDateTime(value) ?? value.toLowerCase();
}

/** The IDs of a comma-separated list (or one number). */
function idsOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return String(value ?? '')
    .split(',')
    .map((part) => Number(part.trim()));
}

/** Shared by every handler: the store, the users' facts and each service's views and expiry. */
class Engine {
  readonly facts: UserFacts;
  readonly views = new Map<string, BookingViews>();
  private readonly expired = new WeakMap<Item, Item>();
  private readonly cacheable = new Map<object, boolean>();
  private readonly members = new Map<string, Set<string>>();

  constructor(
    readonly doc: OpenApiDocument,
    readonly world: WorldModel,
    readonly store: Store,
  ) {
    this.facts = new UserFacts(doc, world.users, store);
    for (const service of world.services.values()) this.views.set(service.name, new BookingViews(doc, service, store));
  }

  service(name: string): ServiceModel {
    return this.world.services.get(name)!;
  }

  membersOf(schema: string): Set<string> {
    let members = this.members.get(schema);
    if (!members) this.members.set(schema, (members = new Set(propertiesOf(this.doc, componentRef(schema)).keys())));
    return members;
  }

  /**
   * The stored booking as it stands at `now`: an expiry rule whose conditions hold has changed
   * it, whether or not a write has stored that yet. The result of a rule that does not write the
   * time is the same whenever it applies, so it is made once per stored item.
   */
  current(service: ServiceModel, record: BookingRecord, now: number): Item {
    const item = record.Item;
    for (const rule of service.expiry) {
      if (!holdsAll(rule.when, item, now)) continue;
      let cacheable = this.cacheable.get(rule);
      if (cacheable === undefined) this.cacheable.set(rule, (cacheable = !usesNow(rule.set)));
      let next = cacheable ? this.expired.get(item) : undefined;
      if (!next) {
        const context: TemplateContext = { now, request: {}, caller: {} };
        next = applySet(rule.set, item, context, this.membersOf(service.views.client.schema), now);
        applyDerived(simulationOf(service.views.client.schema), next, rule.set);
        if (cacheable) this.expired.set(item, next);
      }
      return next;
    }
    return item;
  }

  userScope(user: SandboxUser | undefined, id: number) {
    if (!user) return { facts: { UserID: id }, record: () => ({}) };
    return { facts: this.facts.of(user), record: (name: string) => this.facts.record(user, name) };
  }
}

function holdsAll(conditions: readonly Condition[], item: Item, now: number): boolean {
  for (const condition of conditions) if (!holds(condition, item, now)) return false;
  return true;
}

function dateGuard<T>(make: () => T): T | Outcome {
  try {
    return make();
  } catch (error) {
    // A date the effect computes (now + 5 minutes at the end of 9999) that no API date-time can hold.
    if (!(error instanceof DateOutOfRange)) throw error;
    return invalid('X-Sandbox-Now', `The change would write a date-time outside ${EARLIEST_LOCAL_DATE_TIME}..${LATEST_LOCAL_DATE_TIME}; pick an earlier time.`);
  }
}
const isOutcome = (value: unknown): value is Outcome => Boolean(value) && typeof value === 'object' && 'status' in (value as object) && 'body' in (value as object);

/** The request's input: the JSON body of a POST (with its schema's defaults for members left out), else the query. */
const inputOf = (plan: Plan, context: CallContext) => (plan.operation.requestBody ? (plan.bodyDefaults ? { ...plan.bodyDefaults, ...context.body } : context.body) : context.query);

function bookingListHandler(plan: Plan, engine: Engine): Handler {
  const { store } = engine;
  const pagination = plan.pagination!;
  const list = plan.list ?? { filters: {} };
  const service = engine.service(plan.resource.service!);
  const side = plan.resource.side!;
  const views = engine.views.get(service.name)!;
  const keyReaders = new Map<string, (record: BookingRecord) => number | string>();
  const readerOf = (field: string) => {
    let read = keyReaders.get(field);
    if (!read) {
      // Items never change in place, so each one's key per sort field can be kept.
      const keys = new WeakMap<object, number | string>();
      read = (record) => {
        let key = keys.get(record.Item);
        if (key === undefined) keys.set(record.Item, (key = sortKey(getPath(views.render(record, record.Item, side), field))));
        return key;
      };
      keyReaders.set(field, read);
    }
    return read;
  };
  return listHandler({
    keyOf: readerOf,
    ordered: (userId, order) => store.orderedBookings(service.name, side, userId, order),
    idOf: (record) => record.Item[service.views.client.idProperty] as number,
    viewOf: (record, now) => views.render(record, engine.current(service, record, now), side),
    filters: list.filters,
    sort: list.sort,
    pagination,
  });
}

function creditListHandler(plan: Plan, engine: Engine): Handler {
  const list = plan.list ?? { filters: {} };
  return listHandler<CreditRecord>({
    keyOf: (field) => (record) => sortKey(getPath(record.Item, field)),
    ordered: (userId, order) => engine.store.orderedCredits(userId, order),
    idOf: (record) => record.Seq,
    viewOf: (record) => record.Item,
    filters: list.filters,
    sort: list.sort,
    pagination: plan.pagination!,
  });
}

interface ListSource<R> {
  keyOf: (field: string) => (record: R) => number | string;
  ordered: (userId: number, order: ListOrder<R>) => SortedList<R>;
  idOf: (record: R) => number;
  viewOf: (record: R, now: number) => Item;
  filters: ListSpec['filters'];
  sort: ListSpec['sort'];
  pagination: Pagination;
}

function listHandler<R>(source: ListSource<R>): Handler {
  const { pagination } = source;
  const filterSpecs = Object.entries(source.filters);
  const names = {
    pageCount: JSON.stringify(pagination.pageCountProperty),
    page: JSON.stringify(pagination.pageNumberProperty),
    total: pagination.totalProperty ? JSON.stringify(pagination.totalProperty) : undefined,
    size: JSON.stringify(pagination.pageSizeProperty),
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
  // By direction, then field; the few orders a list has are made once.
  const orders = [new Map<string, ListOrder<R>>(), new Map<string, ListOrder<R>>()] as const;
  // Without a sort value (none sent and no default) the order is the tie-break alone: by ID.
  const orderOf = (field: string | undefined, descending: boolean): ListOrder<R> => {
    const byField = orders[descending ? 1 : 0];
    let order = byField.get(field ?? '');
    if (!order) {
      const name = `${field ?? ''}-${descending ? 'desc' : 'asc'}`;
      byField.set(field ?? '', (order = { name, descending, key: field ? source.keyOf(field) : () => 0 }));
    }
    return order;
  };
  const onOrAfter = (record: R, filter: { key: (record: R) => number | string; from: number }) => {
    const at = filter.key(record);
    return typeof at === 'number' && at >= filter.from;
  };
  return ({ caller, query, now }) => {
    const filters: Array<{ field: string; from: number; key: (record: R) => number | string }> = [];
    for (const [parameter, filter] of filterSpecs) {
      const raw = query[parameter];
      if (typeof raw !== 'string') continue;
      const from = parseLocalDate(raw);
      // The pattern admits 2018-02-31; a day that does not exist is refused like any bad input.
      if (from === undefined) return invalid(parameter, `${parameter} is not a calendar date.`);
      filters.push({ field: filter.field, from, key: source.keyOf(filter.field) });
    }
    const order = source.sort ? sortValueOf(query[source.sort.parameter]) : undefined;
    const field = order ? source.sort!.fields[order.key] : undefined;
    const wanted = orderOf(field, order?.descending ?? false);
    const size = query[pagination.sizeParameter] as number;
    let total: number;
    let sorted: SortedList<R>;
    let offset = 0;
    let end: number | undefined;
    // Made for this request alone (kept lists are remembered with their pages' bytes).
    let made = false;
    const [first, ...others] = filters;
    if (!first) {
      // The user's records are kept in every order a list has asked for: a page is a slice.
      sorted = source.ordered(caller.UserID, wanted);
      total = sorted.size;
    } else {
      // Dates sort as instants after anything that is not a date, so the records on or after the
      // day are the end of the field's ascending order: only they are read, never the rest.
      const byField = source.ordered(caller.UserID, orderOf(first.field, false));
      const from = byField.rank({ key: first.from, id: -Infinity });
      if (others.length === 0 && field === first.field && !wanted.descending) {
        sorted = byField;
        offset = from;
        total = byField.size - from;
      } else if (others.length === 0 && field === first.field) {
        sorted = source.ordered(caller.UserID, wanted);
        total = byField.size - from;
        end = total;
      } else {
        const matches: SortedEntry<R>[] = [];
        for (const entry of byField.values(from)) {
          if (others.every((filter) => onOrAfter(entry.value, filter))) matches.push({ key: wanted.key(entry.value), id: entry.id, value: entry.value });
        }
        sorted = SortedList.from(wanted.descending, matches);
        total = sorted.size;
        made = true;
      }
    }
    const pageCount = Math.ceil(total / size);
    const requested = query[pagination.pageParameter];
    const startsAtLast = requested === undefined ? pagination.startsAt === 'last' : requested === '' && pagination.emptyPageNumberMeans === 'last';
    const page = typeof requested === 'number' ? requested : startsAtLast ? Math.max(1, pageCount) : 1;
    const start = (page - 1) * size;
    const records = sorted.slice(offset + start, Math.min(offset + start + size, end ?? offset + total));
    const items: Item[] = [];
    for (const record of records) items.push(source.viewOf(record, now));
    const body: Record<string, unknown> = { [pagination.pageCountProperty]: pageCount, [pagination.pageNumberProperty]: page };
    if (pagination.totalProperty) body[pagination.totalProperty] = total;
    body[pagination.pageSizeProperty] = size;
    body[pagination.itemsProperty] = items;
    // The same JSON.stringify(body) would write, with each item's JSON taken from the cache.
    const head = `{${names.pageCount}:${pageCount},${names.page}:${page},${names.total ? `${names.total}:${total},` : ''}${names.size}:${size},${names.items}:[`;
    return { status: 200, body, json: made ? Buffer.from(pageText(head, items), 'utf8') : pageJson(sorted, head, items) };
  };
}

function bookingHandler(plan: Plan, engine: Engine): Handler {
  const { store } = engine;
  const { resource, prerequisites } = plan;
  const effect = plan.effect;
  const service = engine.service(resource.service!);
  const side = resource.side as Side;
  const views = engine.views.get(service.name)!;
  const clientSchema = service.views.client.schema;
  const clientMembers = engine.membersOf(clientSchema);
  const simulation = simulationOf(clientSchema);
  const idProperty = service.views.client.idProperty;
  const scopeOf = (context: CallContext, booking: Item | undefined): RuleScope => ({
    booking,
    caller: engine.facts.of(context.caller),
    request: inputOf(plan, context),
    now: context.now,
  });

  if (effect?.action === 'delete') {
    const idsProperty = resource.requestIdsProperty!;
    return (context) => {
      const ids = idsOf(inputOf(plan, context)[idsProperty]);
      // The pattern admits any digit string; an ID must still fit the int32 the results carry.
      const tooLarge = ids.filter((id) => !(id <= INT32_MAX));
      if (tooLarge.length > 0) return invalid(idsProperty, `Booking IDs must be at most ${INT32_MAX}; got ${tooLarge.join(', ')}.`);
      const results = ids.map((id) => {
        const record = store.findBooking(service.name, side, context.caller.UserID, id);
        if (!record) return { BookingID: id, Deleted: false, Message: `No booking with ID ${id} was found for this user.` };
        const outcome = evaluate(prerequisites, scopeOf(context, engine.current(service, record, context.now)));
        if (!outcome.ok) return { BookingID: id, Deleted: false, Message: outcome.message };
        store.deleteBooking(service.name, record, side);
        return { BookingID: id, Deleted: true, Message: effect.message ?? 'Deleted' };
      });
      return { status: 200, body: results, changed: results.some((r) => r.Deleted) };
    };
  }

  if (effect?.action === 'create') return createHandler(plan, engine, effect, service);

  const requestIdProperty = resource.requestIdProperty!;
  return (context) => {
    const input = inputOf(plan, context);
    const id = input[requestIdProperty];
    const record = typeof id === 'number' ? store.findBooking(service.name, side, context.caller.UserID, id) : undefined;
    if (!record) return notFound(id);
    const current = engine.current(service, record, context.now);
    const outcome = evaluate(prerequisites, scopeOf(context, current));
    if (!outcome.ok) return refused(outcome);
    if (!effect) return { status: 200, body: views.render(record, current, side) };
    const request = effect.action === 'update' && effect.defaults ? { ...effect.defaults, ...input } : input;
    const templates: TemplateContext = { now: context.now, request, caller: engine.facts.of(context.caller) };
    if (effect.action === 'update') {
      const made = dateGuard(() => {
        const next = applySet(effect.set, current, templates, clientMembers, context.now);
        applyDerived(simulation, next, effect.set);
        return next;
      });
      if (isOutcome(made)) return made;
      store.updateBooking(service.name, record, made);
      if (effect.siblings) {
        for (const sibling of store.siblingsOf(service.name, record)) {
          const theirs = engine.current(service, sibling, context.now);
          if (theirs.Status !== service.initialStatus) continue;
          const next = applySet(effect.siblings.set, theirs, templates, clientMembers, context.now);
          applyDerived(simulation, next, effect.siblings.set);
          store.updateBooking(service.name, sibling, next);
        }
      }
      if (effect.credits) {
        const amount = Number(interpolate(effect.credits.amount, { ...templates, booking: current }));
        const balance = Math.round((context.caller.CreditBalance - amount) * 100) / 100;
        store.saveUser({ ...context.caller, CreditBalance: balance });
        const entry: Item = {};
        for (const [field, template] of Object.entries(effect.credits.historyEntry ?? {})) entry[field] = interpolate(template, { ...templates, booking: current });
        store.appendCredit(context.caller.UserID, { ...entry, Credits: -amount, Balance: balance });
      }
      return { status: 200, body: views.render(record, made, side), changed: true };
    }
    if (effect.action !== 'clone') throw new Error(`${plan.operation.operationId}: a ${effect.action} effect does not act on one booking`);
    const copy = dateGuard(() => applyClone(effect, simulation, current, templates, clientMembers));
    if (isOutcome(copy)) return copy;
    const newId = store.nextId(service.name);
    // The new booking's ID must stay an Int32, as every ID the API hands out is; it never wraps.
    if (newId > INT32_MAX) return invalid(requestIdProperty, `The sandbox has no ${idProperty} left for the new booking: IDs end at ${INT32_MAX}.`);
    copy[idProperty] = newId;
    const clone: BookingRecord = { ClientUserID: record.ClientUserID, PerformerUserID: record.PerformerUserID, Item: copy };
    store.insertBooking(service.name, clone);
    return { status: 200, body: views.render(clone, copy, 'client'), changed: true };
  };
}

/** A new booking of `service` with `invitee`, laid out as the client view schema orders its members. */
function newBooking(engine: Engine, service: ServiceModel, set: Record<string, unknown>, templates: TemplateContext, invitee: SandboxUser, inviteeId: number): Item {
  const view = service.views.client;
  const members = propertiesOf(engine.doc, componentRef(view.schema));
  const made = applySet(set, {}, templates, new Set(members.keys()), templates.now);
  const item: Item = {};
  for (const [member, schema] of members) {
    if (member === view.otherParty) item[member] = partyOf(engine.doc, schema as JsonObject, invitee, inviteeId, {});
    else if (member in made) item[member] = made[member];
    else item[member] = emptyValue(engine.doc, schema);
  }
  applyDerived(simulationOf(view.schema), item, set);
  return item;
}

function createHandler(plan: Plan, engine: Engine, effect: Extract<Effect, { action: 'create' }>, service: ServiceModel): Handler {
  const { store } = engine;
  const { invitees } = effect;
  const views = engine.views.get(service.name)!;
  return (context) => {
    const input = inputOf(plan, context);
    const ids = idsOf(input[invitees.parameter]);
    if (ids.some((id) => !(id >= 1 && id <= INT32_MAX))) return invalid(invitees.parameter, `User IDs must be from 1 to ${INT32_MAX}.`);
    if (invitees.max !== undefined && ids.length > invitees.max) return invalid(invitees.parameter, `At most ${invitees.max} users can be booked at once.`);
    // The schema admits a repeated ID; one booking cannot be sent twice to the same user.
    if (new Set(ids).size !== ids.length) return error(409, `${invitees.parameter} names a user more than once; each user can be booked only once per booking.`);
    const users = ids.map((id) => store.user(id));
    const outcome = evaluate(plan.prerequisites, {
      caller: engine.facts.of(context.caller),
      request: input,
      bookedUsers: ids.map((id, i) => engine.userScope(users[i], id)),
      now: context.now,
    });
    if (!outcome.ok) return refused(outcome);
    const made = dateGuard(() => {
      const bookings: Array<{ item: Item; companion?: Item; invitee: number }> = [];
      for (const [i, id] of ids.entries()) {
        const invitee = users[i]!;
        const templates: TemplateContext = { now: context.now, request: input, caller: engine.facts.of(context.caller), invitee: engine.facts.of(invitee) };
        const item = newBooking(engine, service, effect.set, templates, invitee, id);
        if (invitees.multipleFlag) item[invitees.multipleFlag] = ids.length > 1;
        let companion: Item | undefined;
        if (effect.companion && holds(effect.companion.when, item, context.now)) {
          companion = newBooking(engine, engine.service(effect.companion.service), effect.companion.set, { ...templates, booking: item }, invitee, id);
        }
        bookings.push({ item, invitee: id, ...(companion ? { companion } : {}) });
      }
      return bookings;
    });
    if (isOutcome(made)) return made;
    let groupKey: number | undefined;
    let first: BookingRecord | undefined;
    for (const { item, companion, invitee } of made) {
      const id = store.nextId(service.name);
      if (id > INT32_MAX) {
        store.discard();
        return invalid(invitees.parameter, `The sandbox has no ${service.views.client.idProperty} left for the new booking: IDs end at ${INT32_MAX}.`);
      }
      item[service.views.client.idProperty] = id;
      if (invitees.firstAcceptWins && made.length > 1) groupKey ??= id;
      const record: BookingRecord = { ClientUserID: context.caller.UserID, PerformerUserID: invitee, ...(groupKey !== undefined ? { GroupKey: groupKey } : {}), Item: item };
      store.insertBooking(service.name, record);
      first ??= record;
      if (companion) {
        const other = engine.service(effect.companion!.service);
        const companionId = store.nextId(other.name);
        if (companionId > INT32_MAX) {
          store.discard();
          return invalid(invitees.parameter, `The sandbox has no ${other.views.client.idProperty} left for the ${other.name} booking made alongside.`);
        }
        companion[other.views.client.idProperty] = companionId;
        store.insertBooking(other.name, { ClientUserID: context.caller.UserID, PerformerUserID: invitee, Item: companion });
      }
    }
    return { status: 200, body: views.render(first!, first!.Item, 'client'), changed: true };
  };
}

function recordHandler(plan: Plan, engine: Engine): Handler {
  const { resource, effect, optionalScopes } = plan;
  const { facts, store } = engine;
  const name = resource.record;
  const withoutScopes = (context: CallContext, value: Item): Item => {
    if (!optionalScopes) return value;
    let result = value;
    for (const [scope, { fields, withoutScope }] of Object.entries(optionalScopes)) {
      if (context.scopes.includes(scope)) continue;
      result = { ...result };
      for (const field of fields) result[field] = withoutScope;
    }
    return result;
  };
  const read = (context: CallContext, user: SandboxUser): Item | unknown[] => {
    if (facts.isList(name!)) return facts.list(user, name!);
    let value = facts.record(user, name!, resource.schema);
    if (resource.grantedScopes) {
      const { list, key, set } = resource.grantedScopes;
      value = { ...value, [list]: context.scopes.map((scope) => ({ [key]: scope, ...(set ?? {}) })) };
    }
    return withoutScopes(context, value);
  };

  if (resource.kind === 'creditBalance') return ({ caller }) => ({ status: 200, body: facts.of(caller).CreditBalance });

  if (effect?.action === 'save') {
    const shape = propertiesOf(engine.doc, componentRef(resource.schema));
    return (context) => {
      const input = inputOf(plan, context);
      const outcome = evaluate(plan.prerequisites, { caller: facts.of(context.caller), request: input, now: context.now });
      if (!outcome.ok) return refused(outcome);
      const saved: Item = { ...facts.record(context.caller, effect.record, resource.schema) };
      for (const field of effect.fields) {
        // A listed member left out is cleared where the schema admits null (DirectChat when not offered).
        if (field in input) saved[field] = input[field];
        else if (shape.has(field) && emptyValue(engine.doc, shape.get(field)) === null) saved[field] = null;
      }
      store.saveUser({ ...context.caller, Records: { ...(context.caller.Records ?? {}), [effect.record]: saved } });
      return { status: 200, body: withoutScopes(context, saved), changed: true };
    };
  }

  const owner = resource.owner;
  if (owner === 'caller' || owner === undefined) {
    return (context) => {
      const outcome = evaluate(plan.prerequisites, { caller: facts.of(context.caller), request: inputOf(plan, context), now: context.now });
      if (!outcome.ok) return refused(outcome);
      return { status: 200, body: read(context, context.caller) };
    };
  }
  return (context) => {
    const input = inputOf(plan, context);
    const ids = idsOf(input[owner.parameter]);
    if (ids.some((id) => !(id >= 1 && id <= INT32_MAX))) return invalid(owner.parameter, `User IDs must be from 1 to ${INT32_MAX}.`);
    if (owner.max !== undefined && ids.length > owner.max) return invalid(owner.parameter, `At most ${owner.max} users can be asked about at once.`);
    const users = ids.map((id) => store.user(id));
    const outcome = evaluate(plan.prerequisites, {
      caller: facts.of(context.caller),
      request: input,
      bookedUsers: ids.map((id, i) => engine.userScope(users[i], id)),
      now: context.now,
    });
    if (!outcome.ok) return refused(outcome);
    const records = users.map((user) => read(context, user!));
    return { status: 200, body: owner.list && owner.wrapInto ? { [owner.wrapInto]: records } : records[0] };
  };
}

const OAUTH = 'x-adultwork-oauth';

/** The operations the booking engine serves: all but the OAuth endpoints, which have their own server. */
export function engineOperations(operations: Operation[]): Operation[] {
  return operations.filter((operation) => operation.raw[OAUTH] === undefined);
}

/**
 * Reads every operation's extensions. An operation the sandbox cannot interpret stops the
 * start-up: the sandbox serves the whole spec or refuses to run.
 */
export function planOperations(doc: OpenApiDocument, operations: Operation[], world: WorldModel): Plan[] {
  const plans = engineOperations(operations).map((operation): Plan => {
    const id = operation.operationId;
    const resource = readResource(doc, operation);
    const groupManager = operation.raw['x-adultwork-group-manager'] as GroupManager | undefined;
    if (groupManager !== undefined) {
      const where = groupManager.memberIn === 'body' ? operation.requestBody?.content['application/json']?.schema : undefined;
      const known = where ? propertiesOf(doc, where).has(groupManager.memberParameter) : operation.parameters.some((p) => p.in === 'query' && p.name === groupManager.memberParameter);
      if (!known) throw new Error(`${id}: x-adultwork-group-manager names memberParameter ${String(groupManager.memberParameter)}, which is not in its ${groupManager.memberIn ?? 'query'}`);
    }
    if (resource.kind === 'booking') {
      const service = world.services.get(resource.service!);
      if (!service) throw new Error(`${id}: x-adultwork-resource names service ${String(resource.service)}, which x-adultwork-bookings does not have`);
      const view = service.views[resource.side!];
      if (!view || view.schema !== resource.schema) throw new Error(`${id}: acts on ${resource.schema}, but the ${String(resource.side)} view of ${service.name} is ${view?.schema}`);
      if (resource.idProperty !== view.idProperty) {
        throw new Error(`${id}: x-adultwork-resource gives ${resource.schema} the ID property ${String(resource.idProperty)}, but x-adultwork-bookings.${service.name}.views.${resource.side} gives it ${view.idProperty}`);
      }
    }
    const plan: Plan = { operation, resource, prerequisites: checkPrerequisites(id, operation.raw['x-adultwork-prerequisites']) };
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    if (bodySchema) {
      const defaults = Object.fromEntries([...propertiesOf(doc, bodySchema)].filter(([, schema]) => schema.default !== undefined).map(([name, schema]) => [name, schema.default]));
      if (Object.keys(defaults).length > 0) plan.bodyDefaults = defaults;
    }
    if (groupManager) plan.groupManager = groupManager;
    const optionalScopes = operation.raw['x-adultwork-optional-scopes'] as OptionalScopes | undefined;
    if (optionalScopes) plan.optionalScopes = optionalScopes;
    const pagination = operation.raw['x-adultwork-pagination'] as Pagination | undefined;
    if (pagination) {
      plan.pagination = pagination;
      plan.list = readList(doc, operation, resource);
      if (resource.kind === 'booking') {
        // Expiry is applied when a booking is read; it must not move a booking in a sorted list.
        const expiring = new Set(world.services.get(resource.service!)!.expiry.flatMap((rule) => Object.keys(rule.set)));
        const ordered = [...Object.values(plan.list?.sort?.fields ?? {}), ...Object.values(plan.list?.filters ?? {}).map((f) => f.field)];
        const clash = ordered.find((field) => expiring.has(field.split('.')[0]!));
        if (clash) throw new Error(`${id}: lists sort or filter by ${clash}, which an expiry rule changes`);
      }
      return plan;
    }
    const effect = checkEffect(id, operation.raw['x-adultwork-effect']);
    if (!effect && (resource.requestIdsProperty || resource.requestInviteeProperty || operation.method.toLowerCase() === 'post')) {
      throw new Error(`${id}: neither x-adultwork-pagination nor x-adultwork-effect says what it does`);
    }
    if (effect) {
      plan.effect = effect;
      if (resource.kind === 'booking') {
        const statuses = world.services.get(resource.service!)!.statuses;
        for (const set of ['set' in effect ? effect.set : {}, effect.action === 'update' ? (effect.siblings?.set ?? {}) : {}]) {
          if (set.Status !== undefined && !statuses.includes(set.Status as string)) throw new Error(`${id}: writes status ${String(set.Status)}, which the service does not have`);
        }
      }
    }
    const needs =
      resource.kind !== 'booking' ? undefined : effect?.action === 'delete' ? 'requestIdsProperty' : effect?.action === 'create' ? 'requestInviteeProperty' : 'requestIdProperty';
    if (needs && !resource[needs]) throw new Error(`${id}: x-adultwork-resource has no ${needs}, which it needs to find the bookings the request names`);
    if (resource.kind === 'record' && !resource.record) throw new Error(`${id}: a record resource needs "record"`);
    if (resource.kind === 'record' && world.users.lists.includes(resource.record!)) {
      // A list record is answered whole: nothing here says how to save into it or add members to it.
      const extra = effect ? 'x-adultwork-effect' : resource.grantedScopes ? 'grantedScopes' : plan.optionalScopes ? 'x-adultwork-optional-scopes' : undefined;
      if (extra) throw new Error(`${id}: ${resource.record} is a list record (an array schema), which ${extra} cannot act on`);
      if (resource.schema !== resource.record) throw new Error(`${id}: a list record is answered as it is stored, so its schema must be ${resource.record}`);
    }
    return plan;
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

function handlerOf(plan: Plan, engine: Engine): Handler {
  switch (plan.resource.kind) {
    case 'booking':
      return plan.pagination ? bookingListHandler(plan, engine) : bookingHandler(plan, engine);
    case 'creditHistory':
      return creditListHandler(plan, engine);
    default:
      return recordHandler(plan, engine);
  }
}

/**
 * One handler per operation, each from its own extensions. A group-manager operation is built
 * like any other and then answers as if the member it names had called it.
 */
export function buildHandlers(plans: Plan[], store: Store, doc: OpenApiDocument, world: WorldModel): Map<string, Handler> {
  const engine = new Engine(doc, world, store);
  const handlers = new Map<string, Handler>();
  for (const plan of plans) {
    const own = handlerOf(plan, engine);
    const twin = plan.groupManager;
    if (!twin) {
      handlers.set(plan.operation.operationId, own);
      continue;
    }
    const inBody = twin.memberIn === 'body';
    handlers.set(plan.operation.operationId, (context) => {
      const input = inBody ? context.body : context.query;
      const memberId = input[twin.memberParameter] as number;
      const member = store.user(memberId);
      if (!member || !store.manages(context.tokenUser.UserID, memberId)) {
        return error(403, `You do not manage a group that user ${memberId} belongs to.`);
      }
      const { [twin.memberParameter]: _member, ...rest } = input;
      return own({ ...context, caller: member, ...(inBody ? { body: rest } : { query: rest }) });
    });
  }
  return handlers;
}
