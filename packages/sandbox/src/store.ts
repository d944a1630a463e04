import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncDirectorySync, writeFileAtomic } from './store/atomic-file.js';
import { nodeIo, type StoreIo } from './store/io.js';
import { Journal, StoreUnavailable, type CompactionPolicy } from './store/journal.js';
import { encodeRecord, JOURNAL_MAGIC, readJournal, type BaseState, type Operation } from './store/records.js';
import { SortedList, type SortKey } from './store/sorted-list.js';

export { writeFileAtomic, StoreUnavailable, type StoreIo, type SortKey };

export interface SandboxUser {
  UserID: number;
  Nickname: string;
  /** What `GET /v1/CreditHistory/GetCurrentCreditBalance` would return for this user. */
  CreditBalance: number;
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

export type Item = Record<string, unknown>;

export interface ItemRecord {
  /** The user who made the booking (the client). */
  ClientUserID: number;
  /** The booking exactly as the API represents it (its component schema). Replaced, never changed in place. */
  Item: Item;
}

/** The seed format; see fixtures/seed.json and docs/sandbox.md. */
export interface SandboxData {
  users: SandboxUser[];
  tokens: SandboxToken[];
  groups: SandboxGroup[];
  /** Component schema name → its items. */
  items: Record<string, ItemRecord[]>;
}

/** The whole-file format of earlier versions, still read (and migrated) at start-up. */
interface LegacyStateFile {
  format: 'adultwork-sandbox-state/1';
  lastIds: Record<string, number>;
  data: SandboxData;
}

/** One order a list can be read in, kept up to date for every client who has been listed in it. */
export interface ListOrder {
  /** Names the order; the same name must always come with the same key and direction. */
  name: string;
  descending: boolean;
  key: (item: Item) => SortKey;
}

interface ClientItems {
  records: Set<ItemRecord>;
  orders: Map<string, { order: ListOrder; list: SortedList<ItemRecord> }>;
}

interface Collection {
  idProperty: string;
  /** In insertion order, which is the order the state is shown and written in. */
  byId: Map<number, ItemRecord>;
  byClient: Map<number, ClientItems>;
}

interface State {
  users: SandboxUser[];
  tokens: SandboxToken[];
  groups: SandboxGroup[];
  /** Highest ID ever given per schema, so that a deleted ID is never handed out again. */
  lastIds: Record<string, number>;
  collections: Map<string, Collection>;
  usersById: Map<number, SandboxUser>;
  tokensByValue: Map<string, SandboxToken>;
  /** Member user ID → manager user IDs of the groups the member belongs to. */
  managersOf: Map<number, Set<number>>;
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
/** Items per snapshot record: big enough to keep the per-record overhead small, small enough to write without a long pause. */
const SNAPSHOT_CHUNK = 256;

const itemId = (collection: Collection, item: Item) => item[collection.idProperty] as number;

/**
 * The sandbox's data: in memory, indexed for the lookups the handlers make, and (with a state
 * file) journalled. A handler changes the data through `insert`, `update`, `remove`, `nextId` or
 * `replace`, then awaits `commit()`, which resolves once those changes are on disk. If they
 * cannot be written, they are undone and `commit()` rejects with StoreUnavailable.
 */
export class Store {
  private state: State;
  private changes: Operation[] = [];
  private undos: Array<() => void> = [];
  private journal: Journal | undefined;
  private readonly io: StoreIo;
  private readonly policy: CompactionPolicy;
  private readonly report: (error: unknown) => void;

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
   * Loads the state file if there is one (a journal, or an `adultwork-sandbox-state/1` JSON file,
   * which is rewritten as a journal), else takes `seed` and writes it out. Runs before the
   * server listens, so it may block.
   */
  open(seed: SandboxData, validate: (data: SandboxData) => void): 'state' | 'migrated' | 'seed' {
    const file = this.stateFile;
    if (!file) {
      this.load(structuredClone(seed), {});
      return 'seed';
    }
    this.removeLeftovers(file);
    let outcome: 'state' | 'migrated' | 'seed';
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
        snapshotShare = operations === 0 ? 1 : Math.min(1, (this.itemCount() + 1) / operations);
        outcome = 'state';
      } else {
        let parsed: LegacyStateFile;
        try {
          parsed = JSON.parse(bytes.toString('utf8')) as LegacyStateFile;
        } catch (error) {
          throw new Error(`${file} is neither a sandbox journal nor a sandbox state file (format adultwork-sandbox-state/1): ${(error as Error).message}`);
        }
        if (parsed?.format !== 'adultwork-sandbox-state/1' || !parsed.data) {
          throw new Error(`${file} is not a sandbox state file (format adultwork-sandbox-state/1)`);
        }
        validate(parsed.data);
        this.load(parsed.data, parsed.lastIds ?? {});
        size = this.writeSnapshotSync(file);
        outcome = 'migrated';
      }
    } else {
      this.load(structuredClone(seed), {});
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
   * The state as journal records: captured now (items are never changed in place, so holding
   * them is enough), serialised lazily so that a big snapshot never blocks for long.
   */
  private snapshotRecords(): Iterable<Buffer> {
    const { users, tokens, groups, lastIds } = this.state;
    const base: BaseState = { users, tokens, groups, lastIds: { ...lastIds } };
    const items: Array<[string, Array<[number, Item]>]> = [];
    for (const [schema, collection] of this.state.collections) {
      items.push([schema, Array.from(collection.byId.values(), (record) => [record.ClientUserID, record.Item])]);
    }
    return (function* () {
      yield encodeRecord([['base', base]]);
      for (const [schema, pairs] of items) {
        for (let start = 0; start < pairs.length; start += SNAPSHOT_CHUNK) {
          yield encodeRecord(pairs.slice(start, start + SNAPSHOT_CHUNK).map(([client, item]): Operation => ['put', schema, client, item]));
        }
      }
    })();
  }

  private emptyState(base: BaseState): State {
    const state: State = {
      users: base.users as SandboxUser[],
      tokens: base.tokens as SandboxToken[],
      groups: base.groups as SandboxGroup[],
      lastIds: { ...base.lastIds },
      collections: new Map(),
      usersById: new Map(),
      tokensByValue: new Map(),
      managersOf: new Map(),
    };
    for (const [schema, idProperty] of Object.entries(this.idProperties)) {
      state.collections.set(schema, { idProperty, byId: new Map(), byClient: new Map() });
    }
    for (const user of state.users) state.usersById.set(user.UserID, user);
    for (const token of state.tokens) state.tokensByValue.set(token.Token, token);
    for (const group of state.groups) {
      for (const member of group.MemberUserIDs) {
        const managers = state.managersOf.get(member) ?? new Set<number>();
        managers.add(group.ManagerUserID);
        state.managersOf.set(member, managers);
      }
    }
    return state;
  }

  private stateOf(data: SandboxData, lastIds: Record<string, number>): State {
    const state = this.emptyState({ users: data.users, tokens: data.tokens, groups: data.groups, lastIds });
    for (const [schema, records] of Object.entries(data.items)) {
      const collection = state.collections.get(schema);
      if (!collection) throw new Error(`No collection for ${schema}`);
      for (const record of records) {
        const id = itemId(collection, record.Item);
        if (collection.byId.has(id)) throw new Error(`Duplicate ${schema} ${collection.idProperty} ${id}`);
        this.add(collection, { ClientUserID: record.ClientUserID, Item: record.Item });
        state.lastIds[schema] = Math.max(state.lastIds[schema] ?? 0, id);
      }
    }
    return state;
  }

  private load(data: SandboxData, lastIds: Record<string, number>): void {
    this.state = this.stateOf(data, lastIds);
  }

  /** Replays one journal operation. */
  private apply(operation: Operation): void {
    const [kind] = operation;
    if (kind === 'base') {
      this.state = this.emptyState(operation[1]);
      return;
    }
    const collection = this.state.collections.get(operation[1]);
    if (!collection) throw new Error(`The state file names an item schema the spec does not have: ${operation[1]}`);
    if (kind === 'put') {
      const [, schema, client, item] = operation;
      const id = itemId(collection, item);
      const existing = collection.byId.get(id);
      if (existing && existing.ClientUserID === client) this.reindex(collection, existing, item);
      else {
        if (existing) this.drop(collection, existing);
        this.add(collection, { ClientUserID: client, Item: item });
      }
      this.state.lastIds[schema] = Math.max(this.state.lastIds[schema] ?? 0, id);
    } else if (kind === 'del') {
      const existing = collection.byId.get(operation[2]);
      if (existing) this.drop(collection, existing);
    } else {
      throw new Error(`The state file has an unknown operation ${JSON.stringify(kind)}`);
    }
  }

  private clientItems(collection: Collection, client: number): ClientItems {
    let items = collection.byClient.get(client);
    if (!items) collection.byClient.set(client, (items = { records: new Set(), orders: new Map() }));
    return items;
  }

  private add(collection: Collection, record: ItemRecord): void {
    const id = itemId(collection, record.Item);
    collection.byId.set(id, record);
    const items = this.clientItems(collection, record.ClientUserID);
    items.records.add(record);
    for (const { order, list } of items.orders.values()) list.insert({ key: order.key(record.Item), id, value: record });
  }

  private drop(collection: Collection, record: ItemRecord): void {
    const id = itemId(collection, record.Item);
    collection.byId.delete(id);
    const items = collection.byClient.get(record.ClientUserID);
    if (!items) return;
    items.records.delete(record);
    for (const { order, list } of items.orders.values()) list.remove(order.key(record.Item), id);
  }

  private reindex(collection: Collection, record: ItemRecord, item: Item): void {
    const id = itemId(collection, record.Item);
    const items = collection.byClient.get(record.ClientUserID)!;
    for (const { order, list } of items.orders.values()) {
      const before = order.key(record.Item);
      const after = order.key(item);
      if (before === after) continue;
      list.remove(before, id);
      list.insert({ key: after, id, value: record });
    }
    record.Item = item;
  }

  /** The data in the seed format, sharing the stored objects: read it, do not change it. */
  private data(): SandboxData {
    const items: Record<string, ItemRecord[]> = {};
    for (const [schema, collection] of this.state.collections) items[schema] = [...collection.byId.values()];
    return { users: this.state.users, tokens: this.state.tokens, groups: this.state.groups, items };
  }

  private itemCount(): number {
    let count = 0;
    for (const collection of this.state.collections.values()) count += collection.byId.size;
    return count;
  }

  snapshot(): SandboxData {
    return structuredClone(this.data());
  }

  token(value: string): SandboxToken | undefined {
    return this.state.tokensByValue.get(value);
  }

  user(id: number): SandboxUser | undefined {
    return this.state.usersById.get(id);
  }

  manages(managerId: number, memberId: number): boolean {
    return this.state.managersOf.get(memberId)?.has(managerId) ?? false;
  }

  private collection(schema: string): Collection {
    const collection = this.state.collections.get(schema);
    if (!collection) throw new Error(`No collection for ${schema}`);
    return collection;
  }

  /**
   * The client's items in `order` (ties by ascending ID). The first call for a client and order
   * sorts once; from then on every change keeps it sorted, so reading a page does not sort.
   */
  ordered(schema: string, clientId: number, order: ListOrder): SortedList<ItemRecord> {
    const collection = this.collection(schema);
    const items = this.clientItems(collection, clientId);
    let entry = items.orders.get(order.name);
    if (!entry) {
      const list = SortedList.from(
        order.descending,
        Array.from(items.records, (record) => ({ key: order.key(record.Item), id: itemId(collection, record.Item), value: record })),
      );
      items.orders.set(order.name, (entry = { order, list }));
    }
    return entry.list;
  }

  /** The client's own item with this ID; someone else's is as unknown as a missing one. */
  find(schema: string, clientId: number, id: number): ItemRecord | undefined {
    const record = this.collection(schema).byId.get(id);
    return record && record.ClientUserID === clientId ? record : undefined;
  }

  nextId(schema: string): number {
    const lastIds = this.state.lastIds;
    const previous = lastIds[schema];
    const next = (previous ?? 0) + 1;
    lastIds[schema] = next;
    this.undos.push(() => {
      if (previous === undefined) delete lastIds[schema];
      else lastIds[schema] = previous;
    });
    return next;
  }

  insert(schema: string, record: ItemRecord): void {
    const collection = this.collection(schema);
    const id = itemId(collection, record.Item);
    const lastIds = this.state.lastIds;
    const previous = lastIds[schema];
    this.add(collection, record);
    lastIds[schema] = Math.max(previous ?? 0, id);
    this.changes.push(['put', schema, record.ClientUserID, record.Item]);
    this.undos.push(() => {
      this.drop(collection, record);
      if (previous === undefined) delete lastIds[schema];
      else lastIds[schema] = previous;
    });
  }

  /** Replaces the record's item (items are never changed in place). */
  update(schema: string, record: ItemRecord, item: Item): void {
    const collection = this.collection(schema);
    const before = record.Item;
    this.reindex(collection, record, item);
    this.changes.push(['put', schema, record.ClientUserID, item]);
    this.undos.push(() => this.reindex(collection, record, before));
  }

  remove(schema: string, record: ItemRecord): void {
    const collection = this.collection(schema);
    this.drop(collection, record);
    this.changes.push(['del', schema, itemId(collection, record.Item)]);
    this.undos.push(() => this.add(collection, record));
  }

  /** Replaces everything (reset or reseed); durable once the promise resolves. */
  replace(data: SandboxData): Promise<void> {
    const previous = this.state;
    const next = this.stateOf(structuredClone(data), {});
    this.state = next;
    this.changes.push(['base', { users: next.users, tokens: next.tokens, groups: next.groups, lastIds: { ...next.lastIds } }]);
    for (const [schema, collection] of next.collections) {
      for (const record of collection.byId.values()) this.changes.push(['put', schema, record.ClientUserID, record.Item]);
    }
    this.undos.push(() => {
      this.state = previous;
    });
    return this.commit();
  }

  /**
   * Makes the changes since the last commit durable: resolves once they are on disk. On failure
   * they (and every change made after them) are undone and the promise rejects with
   * StoreUnavailable.
   */
  commit(): Promise<void> {
    const changes = this.changes;
    const undos = this.undos;
    this.changes = [];
    this.undos = [];
    if (!this.journal || changes.length === 0) return Promise.resolve();
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
