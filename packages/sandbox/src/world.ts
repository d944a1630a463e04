import { resolveRef, type JsonObject, type OpenApiDocument } from './spec.js';
import type { BookingRecord, Item, SandboxGroup, SandboxUser, Side, Store } from './store.js';

/**
 * The spec's root extensions `x-adultwork-bookings` (the services, their two views, statuses and
 * expiry rules) and `x-adultwork-users` (what the rules know about a user), read once and
 * checked against the component schemas they name. See docs/extensions.md.
 */

export interface View {
  schema: string;
  idProperty: string;
  /** The member holding the other party (`Candidate`, `Performer`, `Client`). */
  otherParty: string;
}

export interface Condition {
  field: string;
  operator: string;
  values?: unknown[];
}

export interface ExpiryRule {
  id: string;
  when: Condition[];
  set: Record<string, unknown>;
}

export interface ServiceModel {
  name: string;
  statuses: string[];
  initialStatus: string;
  views: Record<Side, View>;
  expiry: ExpiryRule[];
}

export interface UsersModel {
  fields: string[];
  records: string[];
  /** The records whose schema is an array: a list the user owns (kept whole, never merged into the user's facts). */
  lists: string[];
}

export interface WorldModel {
  services: Map<string, ServiceModel>;
  users: UsersModel;
  /** Service → the property holding its bookings' IDs (one store collection each). */
  idProperties: Record<string, string>;
}

const isObject = (value: unknown): value is JsonObject => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Every property of a schema, through `$ref`s and `allOf`. */
export function propertiesOf(doc: OpenApiDocument, schema: unknown): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  const visit = (node: unknown) => {
    const resolved = resolveRef(doc, node);
    for (const [name, property] of Object.entries((resolved.properties as Record<string, JsonObject> | undefined) ?? {})) {
      if (!found.has(name)) found.set(name, property);
    }
    for (const base of (resolved.allOf as unknown[] | undefined) ?? []) visit(base);
  };
  visit(schema);
  return found;
}

export const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function readWorld(doc: OpenApiDocument): WorldModel {
  const raw = doc['x-adultwork-bookings'];
  if (!isObject(raw)) throw new Error('The spec has no x-adultwork-bookings at its root: the sandbox cannot tell which booking services exist');
  const services = new Map<string, ServiceModel>();
  const idProperties: Record<string, string> = {};
  for (const [name, service] of Object.entries(raw)) {
    if (!isObject(service) || !isObject(service.views)) throw new Error(`x-adultwork-bookings.${name} has no views`);
    const views = {} as Record<Side, View>;
    for (const side of ['client', 'performer'] as const) {
      const view = service.views[side];
      if (!isObject(view) || typeof view.schema !== 'string' || !doc.components.schemas[view.schema]) {
        throw new Error(`x-adultwork-bookings.${name}.views.${side} names no component schema`);
      }
      const properties = propertiesOf(doc, componentRef(view.schema));
      for (const key of ['idProperty', 'otherParty'] as const) {
        if (typeof view[key] !== 'string' || !properties.has(view[key] as string)) {
          throw new Error(`x-adultwork-bookings.${name}.views.${side}.${key} is not a property of ${view.schema}`);
        }
      }
      views[side] = { schema: view.schema, idProperty: view.idProperty as string, otherParty: view.otherParty as string };
    }
    if (views.client.idProperty !== views.performer.idProperty) throw new Error(`x-adultwork-bookings.${name}: both views must name the booking's ID alike`);
    const statuses = service.statuses as string[];
    const expiry = ((service.expiry as ExpiryRule[] | undefined) ?? []).map((rule) => {
      if (!Array.isArray(rule.when) || !isObject(rule.set)) throw new Error(`x-adultwork-bookings.${name}.expiry ${rule.id} needs when and set`);
      if (rule.set.Status !== undefined && !statuses.includes(rule.set.Status as string)) {
        throw new Error(`x-adultwork-bookings.${name}.expiry ${rule.id} sets a status the service does not have`);
      }
      return { id: rule.id, when: rule.when, set: rule.set };
    });
    services.set(name, { name, statuses, initialStatus: service.initialStatus as string, views, expiry });
    idProperties[name] = views.client.idProperty;
  }
  const users = doc['x-adultwork-users'];
  if (!isObject(users) || !isObject(users.fields) || !Array.isArray(users.records)) {
    throw new Error('The spec has no x-adultwork-users {fields, records} at its root: the sandbox cannot tell what the rules know about a user');
  }
  const lists: string[] = [];
  for (const record of users.records as string[]) {
    if (!doc.components.schemas[record]) throw new Error(`x-adultwork-users.records names ${record}, which is not a component schema`);
    const type = resolveRef(doc, componentRef(record)).type;
    if (type === 'array') lists.push(record);
    else if (type !== undefined && type !== 'object') throw new Error(`x-adultwork-users.records names ${record}, whose schema is neither an object nor an array`);
  }
  return { services, users: { fields: Object.keys(users.fields), records: users.records as string[], lists }, idProperties };
}

/** The value a schema member takes when nothing states it: null where admitted, else an empty value of its type. */
export function emptyValue(doc: OpenApiDocument, schema: unknown): unknown {
  const resolved = resolveRef(doc, schema);
  const type = resolved.type;
  const types = Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
  if (types.includes('null')) return null;
  if (resolved.const !== undefined) return resolved.const;
  if (Array.isArray(resolved.enum)) return resolved.enum[0];
  switch (types[0]) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof resolved.minimum === 'number' ? resolved.minimum : 0;
    case 'string':
      return '';
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      if (resolved.allOf || resolved.properties) return {};
      return null;
  }
}

/**
 * What the rules and templates read about users (`caller.X`, `bookedUser.X`): the user's own
 * fields, the group fields derived from the groups, and the members of the user's records.
 * Users are replaced, never changed in place, so each one's facts are worked out once.
 */
export class UserFacts {
  private readonly cache = new WeakMap<SandboxUser, Record<string, unknown>>();
  private readonly recordShapes = new Map<string, Map<string, JsonObject>>();

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly model: UsersModel,
    private readonly store: Store,
  ) {
    for (const record of model.records) if (!model.lists.includes(record)) this.recordShapes.set(record, propertiesOf(doc, componentRef(record)));
  }

  /** Whether the record is a list (its schema is an array) rather than an object with members. */
  isList(name: string): boolean {
    return this.model.lists.includes(name);
  }

  /** A list record: the entries the fixture or a save states, else none. */
  list(user: SandboxUser, name: string): unknown[] {
    const stated = user.Records?.[name];
    return Array.isArray(stated) ? stated : [];
  }

  private groupFields(user: SandboxUser): Record<string, unknown> {
    const managed: SandboxGroup | undefined = this.store.managedGroup(user.UserID);
    const group = this.store.groupOf(user.UserID) ?? managed;
    return { GroupID: group?.GroupID ?? null, GroupName: group?.Name ?? null, IsGroupManager: managed !== undefined };
  }

  /** A user's record: its schema's empty values, then the user's fields of the same name, then what the fixture states. */
  record(user: SandboxUser, name: string, schema = name): Item {
    const shape = this.recordShapes.get(name) ?? propertiesOf(this.doc, componentRef(schema));
    const facts = { ...user, ...this.groupFields(user) };
    const record: Item = {};
    for (const [member, memberSchema] of shape) {
      record[member] = member in facts && member !== 'Records' ? facts[member] : emptyValue(this.doc, memberSchema);
    }
    const stated = user.Records?.[name];
    return { ...record, ...(stated && !Array.isArray(stated) ? stated : {}) };
  }

  of(user: SandboxUser): Record<string, unknown> {
    let facts = this.cache.get(user);
    if (!facts) {
      facts = {};
      // Earlier records win: the settings before the requirements derived from them.
      for (const name of [...this.model.records].reverse()) if (!this.isList(name)) Object.assign(facts, this.record(user, name));
      Object.assign(facts, user, this.groupFields(user));
      delete facts.Records;
      delete facts.CreditHistory;
      this.cache.set(user, facts);
    }
    return facts;
  }
}

/** The other party of a booking as a view shows it, built from the user and the booking. */
export function partyOf(doc: OpenApiDocument, schema: JsonObject, user: SandboxUser | undefined, userId: number, booking: Item): Item {
  const party: Item = {};
  for (const [member, memberSchema] of propertiesOf(doc, schema)) {
    if (member === 'UserID') party[member] = userId;
    else if (user && member in user) party[member] = user[member];
    else if (member in booking && member !== 'Status') party[member] = booking[member];
    else party[member] = emptyValue(doc, memberSchema);
  }
  return party;
}

/** Renders a stored booking (its client view) as each side sees it. */
export class BookingViews {
  private readonly performerViews = new WeakMap<Item, Item>();
  private readonly performerMembers: Map<string, JsonObject>;
  private readonly clientPartySchema: JsonObject;

  constructor(
    private readonly doc: OpenApiDocument,
    readonly service: ServiceModel,
    private readonly store: Store,
  ) {
    this.performerMembers = propertiesOf(doc, componentRef(service.views.performer.schema));
    this.clientPartySchema = this.performerMembers.get(service.views.performer.otherParty)!;
  }

  /** `item` is the stored item with expiry applied; views of one item are made once. */
  render(record: BookingRecord, item: Item, side: Side): Item {
    if (side === 'client') return item;
    let view = this.performerViews.get(item);
    if (!view) {
      view = {};
      const otherParty = this.service.views.performer.otherParty;
      for (const member of this.performerMembers.keys()) {
        view[member] =
          member === otherParty
            ? partyOf(this.doc, this.clientPartySchema, this.store.user(record.ClientUserID), record.ClientUserID, item)
            : (item[member] ?? emptyValue(this.doc, this.performerMembers.get(member)));
      }
      this.performerViews.set(item, view);
    }
    return view;
  }
}
