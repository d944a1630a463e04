import { dirname } from 'node:path';
import type { StoreIo } from './io.js';
import { JOURNAL_MAGIC } from './records.js';

/** A change could not be made durable; it has been undone. Answered as 503. */
export class StoreUnavailable extends Error {
  readonly code: string | undefined;
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`The change was not made: the state file could not be written${code ? ` (${code})` : ''}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.code = code;
  }
}

export interface CompactionPolicy {
  /** Compact once the changes appended since the last snapshot reach this many bytes... */
  compactBytes: number;
  /** ...and at least this many times the snapshot's own size. */
  compactRatio: number;
}

/** Longest wait for a batch to fill up: well under one fsync of a disk (a few milliseconds). */
const GATHER_MS = 1;

interface Pending {
  record: Buffer;
  undo: () => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends change records to the state file and acknowledges each one only after an fsync that
 * covers it. Appends that arrive while an fsync runs wait together and share the next one
 * (group commit), so the rate of durable changes is not bounded by the disk's fsync rate. All
 * waiting happens on promises: reads keep being served while a batch is on its way to disk.
 */
export class Journal {
  private queue: Pending[] = [];
  private steps: Array<{ after: number; run: () => Promise<void> }> = [];
  /** Appends asked for, and appends answered (made durable or failed). */
  private enqueued = 0;
  private answered = 0;
  private running = false;
  private idle: Array<() => void> = [];
  /** Bytes past `size` may be on disk (a failed append): cut them off before the next one. */
  private damaged = false;
  private needsDirectorySync = false;
  /** Records made durable since the running compaction took its snapshot. */
  private capture: Buffer[] | undefined;
  /**
   * A compaction's snapshot may hold changes still on their way to disk (they are written again
   * after it, and replaying a change twice gives the same state). If one of them fails, the
   * snapshot holds a change that was undone: that compaction must not be used.
   */
  private compactionSpoilt = false;
  private compaction: Promise<void> | undefined;
  private nextCompactionAt = 0;
  private closed = false;
  /** Writers seen around the last fsync, and a wait for the next batch to fill up to them. */
  private lastBatch = 0;
  private gathering: { wanted: number; wake: () => void } | undefined;
  /** Bytes appended after the snapshot the file starts with. */
  private tailBytes: number;

  constructor(
    private readonly path: string,
    private fd: number,
    private size: number,
    private snapshotBytes: number,
    tailBytes: number,
    private readonly io: StoreIo,
    private readonly policy: CompactionPolicy,
    /** Captures the durable state now; the records are produced later, chunk by chunk. */
    private readonly snapshot: () => Iterable<Buffer>,
    private readonly report: (error: unknown) => void,
  ) {
    this.tailBytes = tailBytes;
  }

  /** Resolves once `record` is on disk; on failure runs `undo` (with every later change's) and rejects. */
  append(record: Buffer, undo: () => void): Promise<void> {
    if (this.closed) {
      undo();
      return Promise.reject(new StoreUnavailable(new Error('the sandbox is shutting down')));
    }
    return new Promise((resolve, reject) => {
      this.enqueued++;
      this.queue.push({ record, undo, resolve, reject });
      if (this.gathering && this.queue.length >= this.gathering.wanted) this.gathering.wake();
      void this.run();
    });
  }

  /** Runs `step` between two batches, with no append in flight and every append asked for before `after` answered. */
  private exclusive(after: number, step: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.steps.push({ after, run: () => step().then(resolve, reject) });
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.steps.length > 0 || this.queue.length > 0) {
        const step = this.steps[0];
        if (step && (step.after <= this.answered || this.queue.length === 0)) {
          this.steps.shift();
          await step.run();
        } else {
          await this.gather();
          await this.flush(this.queue.splice(0));
        }
      }
    } finally {
      this.running = false;
    }
    this.maybeCompact();
    for (const wake of this.idle.splice(0)) wake();
  }

  /**
   * The writers acknowledged by the last fsync send their next changes a moment later. Flushing
   * the changes that queued during that fsync without them would split the writers into two
   * groups that take turns, each fsync serving half of them; so the next batch waits (at most
   * GATHER_MS) until as many changes are queued as there were writers around the last fsync.
   * A lone writer never waits.
   */
  private async gather(): Promise<void> {
    const wanted = this.lastBatch;
    if (wanted <= 1 || this.queue.length >= wanted || this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), GATHER_MS);
      this.gathering = {
        wanted,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    this.gathering = undefined;
  }

  private async repair(): Promise<void> {
    if (this.needsDirectorySync) {
      await this.io.syncDirectory(dirname(this.path));
      this.needsDirectorySync = false;
    }
    if (this.damaged) {
      await this.io.truncate(this.fd, this.size);
      await this.io.fsync(this.fd);
      this.damaged = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      await this.repair();
      const data = batch.length === 1 ? batch[0]!.record : Buffer.concat(batch.map((pending) => pending.record));
      this.damaged = true;
      await this.io.write(this.fd, data, this.size);
      await this.io.fsync(this.fd);
      this.damaged = false;
      this.size += data.length;
      this.tailBytes += data.length;
      this.capture?.push(data);
      this.answered += batch.length;
      // The writers this fsync answers will be back, and so will those who queued meanwhile.
      this.lastBatch = batch.length + this.queue.length;
      for (const pending of batch) pending.resolve();
      // Under steady load the journal may never be idle, so a compaction can start between batches.
      this.maybeCompact();
    } catch (error) {
      if (this.capture) this.compactionSpoilt = true;
      // Later changes were made on top of the failed ones, so they go too, newest first.
      const failed = [...batch, ...this.queue.splice(0)];
      this.answered += failed.length;
      for (let i = failed.length - 1; i >= 0; i--) failed[i]!.undo();
      // Cut off what the failed append may have left before answering; if that fails too, the
      // next append retries it first.
      await this.repair().catch(() => undefined);
      const unavailable = new StoreUnavailable(error);
      for (const pending of failed) pending.reject(unavailable);
      this.report(unavailable);
    }
  }

  private maybeCompact(): void {
    if (this.compaction || this.closed) return;
    const { compactBytes, compactRatio } = this.policy;
    if (this.tailBytes < Math.max(compactBytes, this.nextCompactionAt) || this.tailBytes < this.snapshotBytes * compactRatio) return;
    this.compaction = this.compact()
      .catch((error: unknown) => {
        // Try again only after as much again has been appended, not after every write.
        this.nextCompactionAt = this.tailBytes * 2;
        this.report(new Error(`Compaction of ${this.path} failed; the journal keeps growing until one succeeds: ${(error as Error).message}`, { cause: error }));
      })
      .finally(() => {
        this.compaction = undefined;
      });
  }

  /**
   * Writes the current state to `<file>.compact` while appends go on to the old file, then, with
   * appends paused for a moment, copies the records made durable meanwhile, fsyncs, renames it
   * over the file and fsyncs the directory. A crash before the rename leaves the old file whole
   * (the leftover is removed at start-up); after it, the new file holds everything.
   */
  private async compact(): Promise<void> {
    const chunks = this.snapshot();
    // Changes already asked for are in the snapshot; the rename waits until they are durable.
    const after = this.enqueued;
    this.capture = [];
    this.compactionSpoilt = false;
    const temporary = `${this.path}.compact`;
    let fd: number | undefined;
    let renamed = false;
    try {
      fd = await this.io.open(temporary, 'create');
      let position = 0;
      let buffered: Buffer[] = [JOURNAL_MAGIC];
      let bufferedBytes = JOURNAL_MAGIC.length;
      const writeOut = async () => {
        const data = Buffer.concat(buffered, bufferedBytes);
        buffered = [];
        bufferedBytes = 0;
        await this.io.write(fd!, data, position);
        position += data.length;
      };
      for (const chunk of chunks) {
        buffered.push(chunk);
        bufferedBytes += chunk.length;
        if (bufferedBytes >= 1 << 20) await writeOut();
        if (this.closed) throw new Error('the sandbox is shutting down');
      }
      if (bufferedBytes > 0) await writeOut();
      const snapshotBytes = position;
      await this.io.fsync(fd);
      await this.exclusive(after, async () => {
        if (this.compactionSpoilt) throw new Error('a change in its snapshot could not be written and was undone');
        const tail = Buffer.concat(this.capture!);
        if (tail.length > 0) {
          await this.io.write(fd!, tail, position);
          position += tail.length;
          await this.io.fsync(fd!);
        }
        await this.io.rename(temporary, this.path);
        renamed = true;
        const old = this.fd;
        this.fd = fd!;
        fd = undefined;
        this.size = position;
        this.snapshotBytes = snapshotBytes;
        this.tailBytes = tail.length;
        this.nextCompactionAt = 0;
        this.needsDirectorySync = true;
        await this.io.close(old).catch(this.report);
        // If this fails, the next append tries again before it writes anything.
        await this.repair();
      });
    } catch (error) {
      if (fd !== undefined) await this.io.close(fd).catch(() => undefined);
      if (!renamed) await this.io.unlink(temporary).catch(() => undefined);
      throw error;
    } finally {
      this.capture = undefined;
    }
  }

  /** For tests and benchmarks: the size of the file and of its snapshot part. */
  stats(): { size: number; snapshotBytes: number; tailBytes: number; compacting: boolean } {
    return { size: this.size, snapshotBytes: this.snapshotBytes, tailBytes: this.tailBytes, compacting: this.compaction !== undefined };
  }

  /** Waits for the appends and the compaction under way, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compaction;
    if (this.running || this.queue.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    await this.io.close(this.fd).catch(this.report);
  }

  /** For tests: resolves once no append, step or compaction is under way. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.running) await new Promise<void>((resolve) => this.idle.push(resolve));
      else if (this.compaction) await this.compaction;
      else return;
    }
  }
}
