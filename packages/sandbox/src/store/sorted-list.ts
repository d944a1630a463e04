/** A sort key as lists compare them: date-times as instants, text case-folded. */
export type SortKey = number | string;

export interface SortedEntry<T> {
  key: SortKey;
  id: number;
  value: T;
}

/** Keys of different types (a null field reads as '') order text first, as a number never equals text. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a !== typeof b) return typeof a === 'string' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const CHUNK = 512;

/**
 * Entries kept in (key, id) order, ascending or descending by key and always ascending by id
 * among equal keys. Stored as a list of small sorted chunks, so an insert or a removal moves at
 * most one chunk's worth of entries and reading a page costs the page plus one step per chunk,
 * however many entries there are.
 */
export class SortedList<T> {
  private chunks: SortedEntry<T>[][] = [];
  private total = 0;

  constructor(private readonly descending: boolean) {}

  /** Sorts `entries` once (they may be in any order) and keeps them. */
  static from<T>(descending: boolean, entries: SortedEntry<T>[]): SortedList<T> {
    const list = new SortedList<T>(descending);
    entries.sort((a, b) => list.compare(a, b));
    for (let start = 0; start < entries.length; start += CHUNK) list.chunks.push(entries.slice(start, start + CHUNK));
    list.total = entries.length;
    return list;
  }

  get size(): number {
    return this.total;
  }

  /** Negative when `a` goes before `b` in this list's order. */
  compare(a: { key: SortKey; id: number }, b: { key: SortKey; id: number }): number {
    const byKey = compareKeys(a.key, b.key);
    return (this.descending ? -byKey : byKey) || a.id - b.id;
  }

  /** Index of the first chunk whose last entry is not before `probe`. */
  private chunkFor(probe: { key: SortKey; id: number }): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.chunks[middle]!;
      if (this.compare(chunk[chunk.length - 1]!, probe) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private positionIn(chunk: SortedEntry<T>[], probe: { key: SortKey; id: number }): number {
    let low = 0;
    let high = chunk.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(chunk[middle]!, probe) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  insert(entry: SortedEntry<T>): void {
    this.total++;
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    let index = this.chunkFor(entry);
    if (index === this.chunks.length) index--;
    const chunk = this.chunks[index]!;
    chunk.splice(this.positionIn(chunk, entry), 0, entry);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(index + 1, 0, chunk.splice(CHUNK));
  }

  /** Removes the entry with this key and id; false when there is none. */
  remove(key: SortKey, id: number): boolean {
    const probe = { key, id };
    const index = this.chunkFor(probe);
    const chunk = this.chunks[index];
    if (!chunk) return false;
    const position = this.positionIn(chunk, probe);
    const found = chunk[position];
    if (!found || found.id !== id || compareKeys(found.key, key) !== 0) return false;
    chunk.splice(position, 1);
    this.total--;
    if (chunk.length === 0) this.chunks.splice(index, 1);
    return true;
  }

  /** Position of the first entry not before `probe` (the number of entries before it). */
  rank(probe: { key: SortKey; id: number }): number {
    const index = this.chunkFor(probe);
    let before = 0;
    for (let i = 0; i < index; i++) before += this.chunks[i]!.length;
    const chunk = this.chunks[index];
    return chunk ? before + this.positionIn(chunk, probe) : before;
  }

  /** Entries at positions [start, end) in order. */
  slice(start: number, end: number): T[] {
    const out: T[] = [];
    if (start >= end) return out;
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset + chunk.length <= start) {
        offset += chunk.length;
        continue;
      }
      for (let i = Math.max(0, start - offset); i < chunk.length && offset + i < end; i++) out.push(chunk[i]!.value);
      offset += chunk.length;
      if (offset >= end) break;
    }
    return out;
  }

  *values(from = 0): Generator<SortedEntry<T>> {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset + chunk.length <= from) {
        offset += chunk.length;
        continue;
      }
      for (let i = Math.max(0, from - offset); i < chunk.length; i++) yield chunk[i]!;
      offset += chunk.length;
    }
  }
}
