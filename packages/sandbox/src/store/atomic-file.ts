import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** fsyncs a directory so that a rename in it survives a power cut. */
export function syncDirectorySync(directory: string): void {
  let fd: number;
  try {
    fd = openSync(directory, 'r');
  } catch {
    // Some platforms cannot open a directory for fsync; the rename is still atomic there.
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `chunks` so that a reader (or a restart after a crash) sees either the old file or the
 * new one, never a torn one: a temporary file in the same directory, flushed to disk, renamed
 * over the target, and the directory flushed so the rename itself survives a power cut.
 */
export function writeFileAtomic(file: string, content: string | Iterable<Buffer>, temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)): void {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true });
  const fd = openSync(temporary, 'w', 0o600);
  try {
    for (const bytes of typeof content === 'string' ? [Buffer.from(content, 'utf8')] : content) {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  syncDirectorySync(directory);
}
