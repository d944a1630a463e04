import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncDirectorySync, writeFileAtomic } from './store/atomic-file.js';
import { nodeIo, type StoreIo } from './store/io.js';
import { Journal, StoreUnavailable, type CompactionPolicy } from './store/journal.js';
import { encodeRecord, JOURNAL_MAGIC, OLD_JOURNAL_MAGIC, readJournal, type BaseState, type Operation } from './store/records.js';
import { SortedList, type SortKey } from './store/sorted-list.js';

export { writeFileAtomic, StoreUnavailable, type StoreIo, type SortKey };

export type Item = Record<string, unknown>;

/** A user as the seed states it: the fields the rules read (x-adultwork-users), records and credit history. */
export interface SandboxUser {
  UserID: number;
  Nickname: string;
  /** What `GET /v1/CreditHistory/GetCurrentCreditBalance` returns for this user. */
  CreditBalance: number;
  /** Per-user records by name (x-adultwork-users.records); members left out take their defaults. A list record is an array. */
  Records?: Record<string, Item | unknown[]>;
  /** The user's credit movements, oldest first (only in the seed format; the store keeps them apart). */
  CreditHistory?: Item[];
  [field: string]: unknown;
}

export interface SandboxToken {
  Token: string;
  UserID: number;
  Scopes: string[];
}

export interface SandboxGroup {
  GroupID: number;
  Name: string;
  ManagerUserID: number;
  MemberUserIDs: number[];
}

export type Side = 'client' | 'performer';

export interface BookingRecord {
  /** The user who made the booking. */
  ClientUserID: number;
  /** The user it was made with (the candidate or performer). */
  PerformerUserID: number;
  /** Shared by the bookings one multi-invitee create made (first accept wins among them). */
  GroupKey?: number;
  /** The sides that deleted the booking from their view; it is gone once both have. */
  DeletedBy?: Side[];
  /** The booking as its client sees it (the service's client view schema). Replaced, never changed in place. */
  Item: Item;
}

/** The seed format; see fixtures/seed.json and docs/sandbox.md. */
export interface SandboxData {
  users: SandboxUser[];
  tokens: SandboxToken[];
  groups: SandboxGroup[];
  /** Service name (x-adultwork-bookings) → its bookings. */
  bookings: Record<string, BookingRecord[]>;
}

/** A credit movement in the store: its position in the user's history is its ID. */
export interface CreditRecord {
  Seq: number;
  Item: Item;
}

/** One order a list can be read in, kept up to date for every user who has been listed in it. */
export interface ListOrder<R> {
  /** Names the order; the same name must always come with the same key and direction. */
  name: string;
  descending: boolean;
  key: (record: R) => SortKey;
}

/** One user's records on one side, with every order a list has asked for. */
class UserIndex<R> {
  readonly records = new Set<R>();
  readonly orders = new Map<string, { order: ListOrder<R>; list: SortedList<R> }>();
  constructor(private readonly idOf: (record: R) => number) {}

  add(record: R): void {
    this.records.add(record);
    for (const { order, list } of this.orders.values()) list.insert({ key: order.key(record), id: this.idOf(record), value: record });
  }

  drop(record: R): void {
    if (!this.records.delete(record)) return;
    for (const { order, list } of this.orders.values()) list.remove(order.key(record), this.idOf(record));
  }

  /** The record's key in every order, before it changes (`moved` takes them after); undefined when no list has asked for an order. */
  keysOf(record: R): Map<string, SortKey> | undefined {
    if (this.orders.size === 0) return undefined;
    const keys = new Map<string, SortKey>();
    for (const [name, { order }] of this.orders) keys.set(name, order.key(record));
    return keys;
  }

  moved(record: R, before: Map<string, SortKey>): void {
    if (!this.records.has(record)) return;
    const id = this.idOf(record);
    for (const [name, { order, list }] of this.orders) {
      const old = before.get(name);
      const now = order.key(record);
      if (old === undefined || old === now) continue;
      list.remove(old, id);
      list.insert({ key: now, id, value: record });
    }
  }

  ordered(order: ListOrder<R>): SortedList<R> {
    let entry = this.orders.get(order.name);
    if (!entry) {
      const list = SortedList.from(order.descending, Array.from(this.records, (record) => ({ key: order.key(record), id: this.idOf(record), value: record })));
      this.orders.set(order.name, (entry = { order, list }));
    }
    return entry.list;
  }
}

interface Collection {
  idProperty: string;
  /** In insertion order, which is the order the state is shown and written in. */
  byId: Map<number, BookingRecord>;
  sides: Record<Side, Map<number, UserIndex<BookingRecord>>>;
  byGroup: Map<number, Set<BookingRecord>>;
}

interface State {
  users: SandboxUser[];
  tokens: SandboxToken[];
  groups: SandboxGroup[];
  /** Highest ID ever given per service, so that a deleted ID is never handed out again. */
  lastIds: Record<string, number>;
  collections: Map<string, Collection>;
  usersById: Map<number, SandboxUser>;
  tokensByValue: Map<string, SandboxToken>;
  /** Member user ID → the group they belong to. */
  groupOf: Map<number, SandboxGroup>;
  credits: Map<number, UserIndex<CreditRecord>>;
}

export interface StoreOptions {
  /** File operations while serving; node:fs by default. Tests pass failing ones. */
  io?: StoreIo;
  /** When to rewrite the journal as a snapshot; see CompactionPolicy. */
  compaction?: Partial<CompactionPolicy>;
  /** Where to report write failures and compaction problems. */
  report?: (error: unknown) => void;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { compactBytes: 16 * 1024 * 1024, compactRatio: 1 };
/** Records per snapshot record: big enough to keep the per-record overhead small, small enough to write without a long pause. */
const SNAPSHOT_CHUNK = 256;
const SIDES: readonly Side[] = ['client', 'performer'];
const creditId = (record: CreditRecord) => record.Seq;

/** A user without the history, which the store keeps apart (and journals entry by entry). */
function withoutHistory(user: SandboxUser): SandboxUser {
  if (user.CreditHistory === undefined) return user;
  const { CreditHistory: _history, ...rest } = user;
  return rest as SandboxUser;
}

/**
 * The sandbox's data: in memory, indexed for the lookups the handlers make, and (with a state
 * file) journalled. A handler changes the data through the mutators below, then awaits
 * `commit()`, which resolves once those changes are on disk. If they cannot be written, they are
 * undone and `commit()` rejects with StoreUnavailable.
 */
export class Store {
  private state: State;
  /** What the next commit journals; only kept when there is a journal to write it to. */
  private changes: Operation[] = [];
  private readonly tokenSources: Array<(value: string) => SandboxToken | undefined> = [];
  private undos: Array<() => void> = [];
  private journal: Journal | undefined;
  private readonly io: StoreIo;
  private readonly policy: CompactionPolicy;
  private readonly report: (error: unknown) => void;

  /** `idProperties`: service name → the property holding its bookings' IDs. */
  constructor(
    private readonly idProperties: Record<string, string>,
    private readonly stateFile?: string,
    options: StoreOptions = {},
  ) {
    this.io = options.io ?? nodeIo;
    this.policy = { ...DEFAULT_COMPACTION, ...options.compaction };
    this.report = options.report ?? ((error) => console.error('[sandbox]', error));
    this.state = this.emptyState({ users: [], tokens: [], groups: [], lastIds: {} });
  }

  /**
   * Loads the state file if there is one, else takes `seed` (which becomes the store's: the
   * caller hands it over and keeps no use of it) and writes it out. A file of an
   * earlier format (whose bookings belonged to their client only) is refused: it cannot say
   * who each booking was made with. Runs before the server listens, so it may block.
   */
  open(seed: SandboxData, validate: (data: SandboxData) => void): 'state' | 'seed' {
    const file = this.stateFile;
    if (!file) {
      this.load(seed, {});
      return 'seed';
    }
    this.removeLeftovers(file);
    let outcome: 'state' | 'seed';
    let size: number;
    let snapshotShare = 1;
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      if (bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
        let operations = 0;
        const read = readJournal(file, bytes, (record) => {
          for (const operation of record) this.apply(operation);
          operations += record.length;
        });
        validate(this.data());
        if (read.tornBytes > 0) {
          // The torn record was never acknowledged; cut it off so the next append follows whole records.
          const fd = openSync(file, 'r+');
          try {
            ftruncateSync(fd, read.validBytes);
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
        }
        size = read.validBytes;
        // How much of the file is the live state: the rest is history a compaction would drop.
        snapshotShare = operations === 0 ? 1 : Math.min(1, (this.recordCount() + 1) / operations);
        outcome = 'state';
      } else if (bytes.subarray(0, OLD_JOURNAL_MAGIC.length).equals(OLD_JOURNAL_MAGIC) || bytes.includes('adultwork-sandbox-state/1')) {
        throw new Error(
          `${file} was written by an earlier sandbox, whose bookings belonged to their client only; it cannot be migrated to bookings shared by both sides. Move it away (or delete it) to start from the seed.`,
        );
      } else {
        throw new Error(`${file} is not a sandbox journal (adultwork-sandbox-journal/2)`);
      }
    } else {
      this.load(seed, {});
      size = this.writeSnapshotSync(file);
      outcome = 'seed';
    }
    const snapshotBytes = Math.round(size * snapshotShare);
    this.journal = new Journal(
      file,
      openSync(file, 'r+'),
      size,
      snapshotBytes,
      size - snapshotBytes,
      this.io,
      this.policy,
      () => this.snapshotRecords(),
      this.report,
    );
    return outcome;
  }

  /** Leftovers of a crash: an unfinished compaction, and the temporary files of the whole-file format. */
  private removeLeftovers(file: string): void {
    const directory = dirname(file);
    const name = basename(file);
    let entries: string[];
    try {
      entries = readdirSync(directory);
    } catch {
      return;
    }
    const legacy = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.tmp$`);
    const removed = entries.filter((entry) => entry === `${name}.compact` || legacy.test(entry));
    for (const entry of removed) unlinkSync(join(directory, entry));
    if (removed.length > 0) syncDirectorySync(directory);
  }

  private writeSnapshotSync(file: string): number {
    let size = JOURNAL_MAGIC.length;
    const chunks = [...this.snapshotRecords()];
    for (const chunk of chunks) size += chunk.length;
    writeFileAtomic(file, [JOURNAL_MAGIC, ...chunks], `${file}.compact`);
    return size;
  }

  /**
   * The state as journal records: captured now (records are never changed in place, so holding
   * them is enough), serialised lazily so that a big snapshot never blocks for long.
   */
  private snapshotRecords(): Iterable<Buffer> {
    const { users, tokens, groups, lastIds } = this.state;
    const base: BaseState = { users: [...users], tokens, groups, lastIds: { ...lastIds } };
    const operations: Operation[] = [];
    for (const [service, collection] of this.state.collections) {
      for (const record of collection.byId.values()) operations.push(['put', service, { ...record }]);
    }
    for (const [userId, index] of this.state.credits) {
      for (const record of [...index.records].sort((a, b) => a.Seq - b.Seq)) operations.push(['credit', userId, record.Item]);
    }
    return (function* () {
      yield encodeRecord([['base', base]]);
      for (let start = 0; start < operations.length; start += SNAPSHOT_CHUNK) yield encodeRecord(operations.slice(start, start + SNAPSHOT_CHUNK));
    })();
  }

  private emptyState(base: BaseState): State {
    const state: State = {
      users: (base.users as SandboxUser[]).map(withoutHistory),
      tokens: base.tokens as SandboxToken[],
      groups: base.groups as SandboxGroup[],
      lastIds: { ...base.lastIds },
      collections: new Map(),
      usersById: new Map(),
      tokensByValue: new Map(),
      groupOf: new Map(),
      credits: new Map(),
    };
    for (const [service, idProperty] of Object.entries(this.idProperties)) {
      state.collections.set(service, { idProperty, byId: new Map(), sides: { client: new Map(), performer: new Map() }, byGroup: new Map() });
    }
    for (const user of state.users) state.usersById.set(user.UserID, user);
    for (const token of state.tokens) state.tokensByValue.set(token.Token, token);
    for (const group of state.groups) for (const member of group.MemberUserIDs) state.groupOf.set(member, group);
    return state;
  }

  private stateOf(data: SandboxData, lastIds: Record<string, number>): State {
    const state = this.emptyState({ users: data.users, tokens: data.tokens, groups: data.groups, lastIds });
    for (const user of data.users) for (const entry of user.CreditHistory ?? []) this.addCredit(state, user.UserID, entry);
    for (const [service, records] of Object.entries(data.bookings)) {
      const collection = state.collections.get(service);
      if (!collection) throw new Error(`No booking service ${service}`);
      for (const record of records) {
        const id = this.idOf(collection, record);
        if (collection.byId.has(id)) throw new Error(`Duplicate ${service} ${collection.idProperty} ${id}`);
        this.add(collection, { ...record });
        state.lastIds[service] = Math.max(state.lastIds[service] ?? 0, id);
      }
    }
    return state;
  }

  private load(data: SandboxData, lastIds: Record<string, number>): void {
    this.state = this.stateOf(data, lastIds);
  }

  private idOf(collection: Collection, record: BookingRecord): number {
    return record.Item[collection.idProperty] as number;
  }

  private addCredit(state: State, userId: number, item: Item): CreditRecord {
    let index = state.credits.get(userId);
    if (!index) state.credits.set(userId, (index = new UserIndex(creditId)));
    const record = { Seq: index.records.size + 1, Item: item };
    index.add(record);
    return record;
  }

  /** Replays one journal operation. */
  private apply(operation: Operation): void {
    switch (operation[0]) {
      case 'base':
        this.state = this.emptyState(operation[1]);
        return;
      case 'user':
        this.setUser(operation[1] as SandboxUser);
        return;
      case 'credit':
        this.addCredit(this.state, operation[1], operation[2]);
        return;
      case 'put':
      case 'del': {
        const collection = this.state.collections.get(operation[1]);
        if (!collection) throw new Error(`The state file names a booking service the spec does not have: ${operation[1]}`);
        if (operation[0] === 'del') {
          const existing = collection.byId.get(operation[2]);
          if (existing) this.drop(collection, existing);
          return;
        }
        const record = operation[2] as unknown as BookingRecord;
        const id = this.idOf(collection, record);
        const existing = collection.byId.get(id);
        if (existing) this.drop(collection, existing);
        this.add(collection, record);
        this.state.lastIds[operation[1]] = Math.max(this.state.lastIds[operation[1]] ?? 0, id);
        return;
      }
      default:
        throw new Error(`The state file has an unknown operation ${JSON.stringify(operation[0])}`);
    }
  }

  private sideIndex(collection: Collection, side: Side, userId: number): UserIndex<BookingRecord> {
    const map = collection.sides[side];
    let index = map.get(userId);
    if (!index) map.set(userId, (index = new UserIndex((record) => this.idOf(collection, record))));
    return index;
  }

  private ownerOf(record: BookingRecord, side: Side): number {
    return side === 'client' ? record.ClientUserID : record.PerformerUserID;
  }

  private add(collection: Collection, record: BookingRecord): void {
    collection.byId.set(this.idOf(collection, record), record);
    for (const side of SIDES) if (!record.DeletedBy?.includes(side)) this.sideIndex(collection, side, this.ownerOf(record, side)).add(record);
    if (record.GroupKey !== undefined) {
      let group = collection.byGroup.get(record.GroupKey);
      if (!group) collection.byGroup.set(record.GroupKey, (group = new Set()));
      group.add(record);
    }
  }

  private drop(collection: Collection, record: BookingRecord): void {
    collection.byId.delete(this.idOf(collection, record));
    for (const side of SIDES) collection.sides[side].get(this.ownerOf(record, side))?.drop(record);
    if (record.GroupKey !== undefined) collection.byGroup.get(record.GroupKey)?.delete(record);
  }

  /** Swaps the record's item in place, keeping every sorted order of both sides right. */
  private reindex(collection: Collection, record: BookingRecord, item: Item): void {
    const client = collection.sides.client.get(record.ClientUserID);
    const performer = collection.sides.performer.get(record.PerformerUserID);
    // Most users are never listed, so most changes have no sorted order to keep right.
    const clientBefore = client?.keysOf(record);
    const performerBefore = performer?.keysOf(record);
    record.Item = item;
    if (clientBefore) client!.moved(record, clientBefore);
    if (performerBefore) performer!.moved(record, performerBefore);
  }

  private setUser(user: SandboxUser): SandboxUser | undefined {
    const previous = this.state.usersById.get(user.UserID);
    const users = this.state.users;
    const at = previous ? users.indexOf(previous) : -1;
    if (at >= 0) users[at] = user;
    else users.push(user);
    this.state.usersById.set(user.UserID, user);
    return previous;
  }

  /** The data in the seed format, sharing the stored objects: read it, do not change it. */
  private data(): SandboxData {
    const bookings: Record<string, BookingRecord[]> = {};
    for (const [service, collection] of this.state.collections) bookings[service] = [...collection.byId.values()];
    const users = this.state.users.map((user) => {
      const history = this.state.credits.get(user.UserID);
      return history && history.records.size > 0 ? { ...user, CreditHistory: [...history.records].sort((a, b) => a.Seq - b.Seq).map((r) => r.Item) } : user;
    });
    return { users, tokens: this.state.tokens, groups: this.state.groups, bookings };
  }

  private recordCount(): number {
    let count = this.state.users.length;
    for (const collection of this.state.collections.values()) count += collection.byId.size;
    for (const index of this.state.credits.values()) count += index.records.size;
    return count;
  }

  snapshot(): SandboxData {
    return structuredClone(this.data());
  }

  /**
   * The one token lookup every API call goes through: the fixture tokens, then each source added
   * with `addTokenSource` (tokens issued at run time, which their issuer expires by the sandbox
   * clock). The token's scopes travel with the call.
   */
  token(value: string): SandboxToken | undefined {
    const fixed = this.state.tokensByValue.get(value);
    if (fixed !== undefined || this.tokenSources.length === 0) return fixed;
    for (const source of this.tokenSources) {
      const issued = source(value);
      if (issued) return issued;
    }
    return undefined;
  }

  /** Adds tokens issued while the sandbox runs to the lookup above. */
  addTokenSource(source: (value: string) => SandboxToken | undefined): void {
    this.tokenSources.push(source);
  }

  user(id: number): SandboxUser | undefined {
    return this.state.usersById.get(id);
  }

  /** The group the user belongs to (as a member), if any. */
  groupOf(memberId: number): SandboxGroup | undefined {
    return this.state.groupOf.get(memberId);
  }

  /** The group the user manages, if any. */
  managedGroup(managerId: number): SandboxGroup | undefined {
    return this.state.groups.find((group) => group.ManagerUserID === managerId);
  }

  manages(managerId: number, memberId: number): boolean {
    return this.state.groupOf.get(memberId)?.ManagerUserID === managerId;
  }

  private collection(service: string): Collection {
    const collection = this.state.collections.get(service);
    if (!collection) throw new Error(`No booking service ${service}`);
    return collection;
  }

  /**
   * The user's bookings on one side in `order` (ties by ascending ID). The first call for a user
   * and order sorts once; from then on every change keeps it sorted, so reading a page does not sort.
   */
  orderedBookings(service: string, side: Side, userId: number, order: ListOrder<BookingRecord>): SortedList<BookingRecord> {
    return this.sideIndex(this.collection(service), side, userId).ordered(order);
  }

  /** The booking with this ID when it is the user's on that side (and not deleted from it). */
  findBooking(service: string, side: Side, userId: number, id: number): BookingRecord | undefined {
    const record = this.collection(service).byId.get(id);
    if (!record || this.ownerOf(record, side) !== userId || record.DeletedBy?.includes(side)) return undefined;
    return record;
  }

  /** The other bookings one multi-invitee create made along with this one. */
  siblingsOf(service: string, record: BookingRecord): BookingRecord[] {
    if (record.GroupKey === undefined) return [];
    return [...(this.collection(service).byGroup.get(record.GroupKey) ?? [])].filter((other) => other !== record);
  }

  nextId(service: string): number {
    const lastIds = this.state.lastIds;
    const previous = lastIds[service];
    const next = (previous ?? 0) + 1;
    lastIds[service] = next;
    this.undos.push(() => {
      if (previous === undefined) delete lastIds[service];
      else lastIds[service] = previous;
    });
    return next;
  }

  insertBooking(service: string, record: BookingRecord): void {
    const collection = this.collection(service);
    const id = this.idOf(collection, record);
    const lastIds = this.state.lastIds;
    const previous = lastIds[service];
    this.add(collection, record);
    lastIds[service] = Math.max(previous ?? 0, id);
    this.journalled(() => ['put', service, { ...record }]);
    this.undos.push(() => {
      this.drop(collection, record);
      if (previous === undefined) delete lastIds[service];
      else lastIds[service] = previous;
    });
  }

  /** Replaces the booking's item (items are never changed in place). */
  updateBooking(service: string, record: BookingRecord, item: Item): void {
    const collection = this.collection(service);
    const before = record.Item;
    this.reindex(collection, record, item);
    this.journalled(() => ['put', service, { ...record }]);
    this.undos.push(() => this.reindex(collection, record, before));
  }

  /** Takes the booking out of one side's view; once both sides deleted it, it is gone. */
  deleteBooking(service: string, record: BookingRecord, side: Side): void {
    const collection = this.collection(service);
    const before = record.DeletedBy;
    const deletedBy = [...(before ?? []), side];
    if (SIDES.every((s) => deletedBy.includes(s))) {
      this.drop(collection, record);
      this.journalled(() => ['del', service, this.idOf(collection, record)]);
      this.undos.push(() => this.add(collection, record));
      return;
    }
    this.sideIndex(collection, side, this.ownerOf(record, side)).drop(record);
    record.DeletedBy = deletedBy;
    this.journalled(() => ['put', service, { ...record }]);
    this.undos.push(() => {
      record.DeletedBy = before;
      this.sideIndex(collection, side, this.ownerOf(record, side)).add(record);
    });
  }

  /** Replaces a user's fields and records (users are never changed in place). */
  saveUser(user: SandboxUser): void {
    const stored = withoutHistory(user);
    const previous = this.setUser(stored);
    this.journalled(() => ['user', stored]);
    this.undos.push(() => {
      if (previous) this.setUser(previous);
    });
  }

  /** Appends a movement to the user's credit history. */
  appendCredit(userId: number, item: Item): void {
    const record = this.addCredit(this.state, userId, item);
    this.journalled(() => ['credit', userId, item]);
    this.undos.push(() => this.state.credits.get(userId)?.drop(record));
  }

  orderedCredits(userId: number, order: ListOrder<CreditRecord>): SortedList<CreditRecord> {
    let index = this.state.credits.get(userId);
    if (!index) this.state.credits.set(userId, (index = new UserIndex(creditId)));
    return index.ordered(order);
  }

  /**
   * Replaces everything (reset or reseed) with `data`, which becomes the store's (as in `open`,
   * no copy is made: a large data set would otherwise exist twice); durable once the promise
   * resolves.
   */
  replace(data: SandboxData): Promise<void> {
    const previous = this.state;
    const next = this.stateOf(data, {});
    this.state = next;
    // Without a state file there is nothing to write the new data to.
    if (this.journal) {
      this.changes.push(['base', { users: [...next.users], tokens: next.tokens, groups: next.groups, lastIds: { ...next.lastIds } }]);
      for (const [service, collection] of next.collections) {
        for (const record of collection.byId.values()) this.changes.push(['put', service, { ...record }]);
      }
      for (const [userId, index] of next.credits) for (const record of index.records) this.changes.push(['credit', userId, record.Item]);
    }
    this.undos.push(() => {
      this.state = previous;
    });
    return this.commit() ?? Promise.resolve();
  }

  /** Queues an operation for the next commit; without a journal it is never made (no copy of the record). */
  private journalled(operation: () => Operation): void {
    if (this.journal) this.changes.push(operation());
  }

  /** Undoes the changes since the last commit (a handler that finds, half-way, it cannot finish). */
  discard(): void {
    const undos = this.undos;
    this.changes = [];
    this.undos = [];
    for (let i = undos.length - 1; i >= 0; i--) undos[i]!();
  }

  /**
   * Makes the changes since the last commit durable: resolves once they are on disk. On failure
   * they (and every change made after them) are undone and the promise rejects with
   * StoreUnavailable. Undefined when there is nothing to wait for (no state file, or no change),
   * so that an in-memory sandbox answers in the same turn instead of a promise's later one.
   */
  commit(): Promise<void> | undefined {
    const changes = this.changes;
    const undos = this.undos;
    if (undos.length > 0) this.undos = [];
    if (!this.journal || changes.length === 0) return undefined;
    this.changes = [];
    return this.journal.append(encodeRecord(changes), () => {
      for (let i = undos.length - 1; i >= 0; i--) undos[i]!();
    });
  }

  /** Size of the state file and of its snapshot part (for tests and benchmarks). */
  journalStats() {
    return this.journal?.stats();
  }

  /** Resolves once every write and compaction under way has finished (for tests). */
  async settled(): Promise<void> {
    await this.journal?.settled();
  }

  /** Finishes the writes under way and closes the state file. */
  async close(): Promise<void> {
    await this.journal?.close();
  }
}
