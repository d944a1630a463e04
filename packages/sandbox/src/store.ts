import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

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
  /** The booking exactly as the API represents it (its component schema). */
  Item: Item;
}

/** The seed and state format; see fixtures/seed.json and docs/sandbox.md. */
export interface SandboxData {
  users: SandboxUser[];
  tokens: SandboxToken[];
  groups: SandboxGroup[];
  /** Component schema name → its items. */
  items: Record<string, ItemRecord[]>;
}

interface StateFile {
  format: 'adultwork-sandbox-state/1';
  /** Highest ID ever given per schema, so that a deleted ID is never handed out again. */
  lastIds: Record<string, number>;
  data: SandboxData;
}

interface Collection {
  idProperty: string;
  byId: Map<number, ItemRecord>;
  byClient: Map<number, ItemRecord[]>;
}

/**
 * Writes `text` so that a reader (or a restart after a crash) sees either the old file or the
 * new one, never a torn one: a temporary file in the same directory, flushed to disk, renamed
 * over the target, and the directory flushed so the rename itself survives a power cut.
 */
export function writeFileAtomic(file: string, text: string): void {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  try {
    const dirFd = openSync(directory, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot open a directory for fsync; the rename is still atomic there.
  }
}

export class Store {
  private data!: SandboxData;
  private lastIds: Record<string, number> = {};
  private collections = new Map<string, Collection>();
  private usersById = new Map<number, SandboxUser>();
  private tokensByValue = new Map<string, SandboxToken>();
  /** Member user ID → manager user IDs of the groups the member belongs to. */
  private managersOf = new Map<number, Set<number>>();

  constructor(
    private readonly idProperties: Record<string, string>,
    private readonly stateFile?: string,
  ) {}

  /** Loads the state file if there is one, else takes `seed` (and writes it out when persisting). */
  open(seed: SandboxData, validate: (data: SandboxData) => void): 'state' | 'seed' {
    if (this.stateFile && existsSync(this.stateFile)) {
      const parsed = JSON.parse(readFileSync(this.stateFile, 'utf8')) as StateFile;
      if (parsed?.format !== 'adultwork-sandbox-state/1' || !parsed.data) {
        throw new Error(`${this.stateFile} is not a sandbox state file (format adultwork-sandbox-state/1)`);
      }
      validate(parsed.data);
      this.load(parsed.data, parsed.lastIds ?? {});
      return 'state';
    }
    this.replace(seed);
    return 'seed';
  }

  /** Replaces everything (reset or reseed) and persists it. */
  replace(data: SandboxData): void {
    this.load(structuredClone(data), {});
    this.commit();
  }

  private load(data: SandboxData, lastIds: Record<string, number>): void {
    this.data = data;
    this.lastIds = { ...lastIds };
    this.collections.clear();
    for (const [schema, idProperty] of Object.entries(this.idProperties)) {
      const records = (data.items[schema] ??= []);
      const collection: Collection = { idProperty, byId: new Map(), byClient: new Map() };
      for (const record of records) {
        const id = record.Item[idProperty] as number;
        if (collection.byId.has(id)) throw new Error(`Duplicate ${schema} ${idProperty} ${id}`);
        collection.byId.set(id, record);
        const list = collection.byClient.get(record.ClientUserID) ?? [];
        list.push(record);
        collection.byClient.set(record.ClientUserID, list);
        this.lastIds[schema] = Math.max(this.lastIds[schema] ?? 0, id);
      }
      this.collections.set(schema, collection);
    }
    this.usersById = new Map(data.users.map((user) => [user.UserID, user]));
    this.tokensByValue = new Map(data.tokens.map((token) => [token.Token, token]));
    this.managersOf = new Map();
    for (const group of data.groups) {
      for (const member of group.MemberUserIDs) {
        const managers = this.managersOf.get(member) ?? new Set<number>();
        managers.add(group.ManagerUserID);
        this.managersOf.set(member, managers);
      }
    }
  }

  snapshot(): SandboxData {
    return structuredClone(this.data);
  }

  token(value: string): SandboxToken | undefined {
    return this.tokensByValue.get(value);
  }

  user(id: number): SandboxUser | undefined {
    return this.usersById.get(id);
  }

  manages(managerId: number, memberId: number): boolean {
    return this.managersOf.get(memberId)?.has(managerId) ?? false;
  }

  private collection(schema: string): Collection {
    const collection = this.collections.get(schema);
    if (!collection) throw new Error(`No collection for ${schema}`);
    return collection;
  }

  itemsOf(schema: string, clientId: number): readonly ItemRecord[] {
    return this.collection(schema).byClient.get(clientId) ?? [];
  }

  /** The client's own item with this ID; someone else's is as unknown as a missing one. */
  find(schema: string, clientId: number, id: number): ItemRecord | undefined {
    const record = this.collection(schema).byId.get(id);
    return record && record.ClientUserID === clientId ? record : undefined;
  }

  nextId(schema: string): number {
    const next = (this.lastIds[schema] ?? 0) + 1;
    this.lastIds[schema] = next;
    return next;
  }

  insert(schema: string, record: ItemRecord): void {
    const collection = this.collection(schema);
    const id = record.Item[collection.idProperty] as number;
    collection.byId.set(id, record);
    const list = collection.byClient.get(record.ClientUserID) ?? [];
    list.push(record);
    collection.byClient.set(record.ClientUserID, list);
    this.data.items[schema]!.push(record);
    this.lastIds[schema] = Math.max(this.lastIds[schema] ?? 0, id);
  }

  remove(schema: string, record: ItemRecord): void {
    const collection = this.collection(schema);
    collection.byId.delete(record.Item[collection.idProperty] as number);
    const list = collection.byClient.get(record.ClientUserID);
    if (list) list.splice(list.indexOf(record), 1);
    const all = this.data.items[schema]!;
    all.splice(all.indexOf(record), 1);
  }

  /** Makes the changes so far durable before the caller acknowledges them. */
  commit(): void {
    if (!this.stateFile) return;
    const state: StateFile = { format: 'adultwork-sandbox-state/1', lastIds: this.lastIds, data: this.data };
    writeFileAtomic(this.stateFile, JSON.stringify(state));
  }
}
