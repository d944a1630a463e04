import { close, fsync, ftruncate, open, rename, unlink, write } from 'node:fs';

/**
 * Every file operation the store makes while serving, as promises so that waiting for the disk
 * never holds up the event loop. Tests pass their own to make a write or an fsync fail.
 */
export interface StoreIo {
  /** Opens for writing; `create` truncates or creates, otherwise the file must exist. */
  open(path: string, mode: 'append' | 'create'): Promise<number>;
  /** Writes all of `data` at `position`. */
  write(fd: number, data: Buffer, position: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  truncate(fd: number, size: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename in `directory` survive a power cut. */
  syncDirectory(directory: string): Promise<void>;
}

const done =
  (resolve: () => void, reject: (error: Error) => void) =>
  (error: NodeJS.ErrnoException | null): void =>
    error ? reject(error) : resolve();

function writeAll(fd: number, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const next = (): void =>
      write(fd, data, written, data.length - written, position + written, (error, count) => {
        if (error) return reject(error);
        // A write that makes no progress would otherwise loop for ever.
        if (count === 0) return reject(Object.assign(new Error('write made no progress'), { code: 'EIO' }));
        written += count;
        if (written < data.length) next();
        else resolve();
      });
    next();
  });
}

export const nodeIo: StoreIo = {
  open: (path, mode) =>
    new Promise((resolve, reject) => open(path, mode === 'create' ? 'w' : 'r+', 0o600, (error, fd) => (error ? reject(error) : resolve(fd)))),
  write: writeAll,
  fsync: (fd) => new Promise((resolve, reject) => fsync(fd, done(resolve, reject))),
  truncate: (fd, size) => new Promise((resolve, reject) => ftruncate(fd, size, done(resolve, reject))),
  close: (fd) => new Promise((resolve, reject) => close(fd, done(resolve, reject))),
  rename: (from, to) => new Promise((resolve, reject) => rename(from, to, done(resolve, reject))),
  unlink: (path) => new Promise((resolve, reject) => unlink(path, done(resolve, reject))),
  syncDirectory: (directory) =>
    new Promise((resolve, reject) =>
      open(directory, 'r', (error, fd) => {
        // Some platforms cannot open a directory; the rename is still atomic there.
        if (error) return error.code === 'EISDIR' || error.code === 'EPERM' ? resolve() : reject(error);
        fsync(fd, (syncError) => close(fd, () => (syncError && syncError.code !== 'EINVAL' ? reject(syncError) : resolve())));
      }),
    ),
};
