import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** What a path names right now: which file (device, inode) and which state of it (size, mtime). */
export interface FileVersion {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

/**
 * The file at `path` now, or the error that keeps it from being looked at (missing, no access).
 * Never throws: it runs on the lookup path and from checks no request is waiting for.
 *
 * @example
 * const version = fileVersion('/data/crm.sqlite');
 * if (version instanceof Error) console.log(version.message);
 */
export function fileVersion(path: string): FileVersion | Error {
  try {
    const { dev, ino, size, mtimeNs } = statSync(path, { bigint: true });
    return { dev, ino, size, mtimeNs };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Whether two versions are the same file: a rename over the path gives it a new inode, an
 * in-place copy keeps it.
 *
 * @example
 * sameFile(before, fileVersion(path) as FileVersion) // false once a new file is renamed in
 */
export function sameFile(a: FileVersion, b: FileVersion): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether two versions are the same file, unchanged.
 *
 * @example
 * sameVersion(atFailure, now) // false once the file was rewritten since
 */
export function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return sameFile(a, b) && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

const MAGIC = 'SQLite format 3\0';

/**
 * Throws unless `path` can be read and starts with an intact SQLite header whose page count fits
 * the file: a truncated file, or one still being copied in place, is shorter than its header says.
 * Reads 100 bytes, whatever the size of the database.
 *
 * @example
 * checkSqliteHeader('/data/crm.sqlite'); // throws 'is shorter than its header says (...)'
 */
export function checkSqliteHeader(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) throw new Error(`${path} is not a SQLite database (no SQLite header)`);
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const pages = header.readUInt32BE(28);
    // SQLite trusts the page count only while it was written with the current change counter.
    const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0;
    const size = fstatSync(fd).size;
    if (countValid && pages * pageSize > size) {
      throw new Error(`${path} is shorter than its header says (${size} of ${pages * pageSize} bytes): truncated, or still being written in place`);
    }
  } finally {
    closeSync(fd);
  }
}
