import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { foldCase } from './identifiers.js';
import type { ImportMode } from './target.js';

/**
 * Where an import writes, and how it ends. A database file that exists may be open in a live
 * endpoint (read through a memory map): rewriting it in place lets a reader see half an import,
 * and a file that shrinks under a map ends that process with SIGBUS. So the import builds a new
 * file beside it and renames it over the old one: a reader has the old file or the new one.
 */
export interface StagedFile {
  /** The temp file to write to, beside the database. */
  path: string;
  /** Makes the written file the database (fsync, then an atomic rename). */
  publish(): void;
  /** Removes the temp file; the database is as it was. Safe after `publish`. */
  discard(): void;
}

/**
 * Prepares the file an import writes to, beside the database (its folder created). An existing
 * database is copied there with SQLite's online backup (a consistent snapshot even while another
 * process writes), except for `replace` when the file holds nothing but that table: then the
 * temp file starts empty and no old page is copied. A failed import of a new database leaves
 * no file behind.
 *
 * @example
 * const staged = await stageDatabase('data/customers.sqlite', 'customers', 'replace');
 * try { write(staged.path); staged.publish(); } finally { staged.discard(); }
 */
export async function stageDatabase(dbPath: string, table: string, mode: ImportMode): Promise<StagedFile> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const exists = existsSync(dbPath);
  const temp = join(dirname(dbPath), `.${basename(dbPath)}.import-${randomBytes(4).toString('hex')}.tmp`);
  const discard = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  };
  try {
    if (exists && (mode !== 'replace' || !onlyTable(dbPath, table))) {
      const source = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
      try {
        await source.backup(temp);
      } finally {
        source.close();
      }
    }
    if (exists) {
      // The new file is read by whoever could read the old one.
      closeSync(openSync(temp, 'a', 0o600));
      chmodSync(temp, statSync(dbPath).mode & 0o777);
    }
  } catch (error) {
    discard();
    throw error;
  }
  return {
    path: temp,
    publish() {
      asRollbackJournal(temp);
      fsyncPath(temp);
      renameSync(temp, dbPath);
      // The rename itself is durable only once the folder is synced.
      fsyncPath(dirname(dbPath));
    },
    discard,
  };
}

/** Whether everything in the database belongs to `table` (the table, its indexes and triggers). */
function onlyTable(dbPath: string, table: string): boolean {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return names.every((name) => foldCase(name) === foldCase(table));
  } finally {
    db.close();
  }
}

/**
 * A copy of a WAL database is itself in WAL mode; renamed over the original, it could be read
 * together with the original's leftover `-wal` file. The published file uses a rollback journal.
 */
function asRollbackJournal(path: string): void {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    if (String(db.pragma('journal_mode', { simple: true })) === 'wal') db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
