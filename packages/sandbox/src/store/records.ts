import { crc32 } from 'node:zlib';

/**
 * The journal file: a magic line, then records. Each record is its payload's length (uint32 LE),
 * the payload's CRC-32 (uint32 LE) and the payload, one JSON array of operations. One record is
 * one change as a client made it, so replay applies a change wholly or not at all.
 */
export const JOURNAL_MAGIC = Buffer.from('adultwork-sandbox-journal/2\n', 'latin1');
/** The journal of the single-sided data model (bookings kept per client only); not migrated. */
export const OLD_JOURNAL_MAGIC = Buffer.from('adultwork-sandbox-journal/1\n', 'latin1');
const HEADER = 8;

export type Operation =
  /** Everything but the bookings and credit movements: starts a snapshot, or a reset/reseed. */
  | ['base', BaseState]
  /** Insert the booking record of a service, or replace the one with its ID. */
  | ['put', string, Record<string, unknown>]
  /** Delete the booking of a service with this ID. */
  | ['del', string, number]
  /** Replace a user (their fields and records). */
  | ['user', Record<string, unknown>]
  /** Append a credit movement to a user's history. */
  | ['credit', number, Record<string, unknown>];

export interface BaseState {
  users: unknown[];
  tokens: unknown[];
  groups: unknown[];
  lastIds: Record<string, number>;
}

export function encodeRecord(operations: Operation[]): Buffer {
  const payload = Buffer.from(JSON.stringify(operations), 'utf8');
  const record = Buffer.allocUnsafe(HEADER + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  payload.copy(record, HEADER);
  return record;
}

export class JournalCorrupt extends Error {}

export interface ReadResult {
  records: number;
  /** Bytes of whole, valid records (magic included): where the next append goes. */
  validBytes: number;
  /** Bytes dropped from the end: a record torn by a crash in the middle of an append. */
  tornBytes: number;
}

const isZero = (bytes: Buffer) => bytes.every((byte) => byte === 0);

/**
 * Reads every record. Only the last one may be incomplete or fail its checksum (an append cut
 * short by a crash, never acknowledged): it is dropped. A bad record with good data after it is
 * damage to acknowledged changes, and stops the start-up rather than losing them quietly.
 */
export function readJournal(file: string, bytes: Buffer, onRecord: (operations: Operation[]) => void): ReadResult {
  if (bytes.length < JOURNAL_MAGIC.length || !bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    throw new JournalCorrupt(`${file} does not start like a sandbox journal (adultwork-sandbox-journal/2)`);
  }
  let records = 0;
  let offset = JOURNAL_MAGIC.length;
  const torn = () => ({ records, validBytes: offset, tornBytes: bytes.length - offset });
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER) return torn();
    const length = bytes.readUInt32LE(offset);
    const end = offset + HEADER + length;
    if (end > bytes.length) return torn();
    // A crash can leave the end of a file filled with zeros: a record never starts with length 0.
    if (length === 0) {
      if (isZero(bytes.subarray(offset))) return torn();
      throw new JournalCorrupt(`${file}: a record of length 0 at byte ${offset}, with data after it`);
    }
    const payload = bytes.subarray(offset + HEADER, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) {
      if (end === bytes.length || isZero(bytes.subarray(end))) return torn();
      throw new JournalCorrupt(`${file}: the record at byte ${offset} fails its checksum, and ${bytes.length - end} bytes of records follow it`);
    }
    let operations: Operation[];
    try {
      operations = JSON.parse(payload.toString('utf8')) as Operation[];
    } catch (error) {
      throw new JournalCorrupt(`${file}: the record at byte ${offset} passes its checksum but is not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(operations)) throw new JournalCorrupt(`${file}: the record at byte ${offset} is not a list of operations`);
    onRecord(operations);
    records++;
    offset = end;
  }
  return { records, validBytes: offset, tornBytes: 0 };
}
