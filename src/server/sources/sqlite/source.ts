import { ConfigError } from '../../config/error.js';
import type { SqliteSourceConfig } from '../../config/types.js';
import { SourceUnavailableError } from '../../vocabulary/source-errors.js';
import type { Row, Source } from '../../types.js';
import { checkSqliteHeader, fileVersion, sameFile, sameVersion, type FileVersion } from './file-version.js';
import { openSqliteHandle, type SqliteHandle } from './lookup-handle.js';

/** How often the path is looked at for a new file (one `stat`; ready() looks every time). */
const CHECK_MS = 1000;

/** Why the source cannot be trusted now, and the file it was about: a changed file is worth a new try. */
interface Failure {
  error: unknown;
  version: FileVersion | Error;
  /** Whether a request has already carried this failure into the log. */
  reported: boolean;
}

/**
 * The SQLite source: the file opened read-only (it must already exist), the query prepared once
 * (see `openSqliteHandle`). Integers past 2^53 come back as `bigint`, so 64-bit ids keep every
 * digit. better-sqlite3 is synchronous: a slow query blocks the process and `sourceTimeoutMs`
 * cannot cut it short, so index the columns you look up by.
 *
 * Data is refreshed by renaming a new file over the path: every `checkMs` a timer compares the
 * path's inode with the open file's and, when they differ, opens the new file and closes the old
 * one between two lookups, so none is dropped. A timer rather than a look per lookup: reading the
 * clock costs up to 0.4 us on a VM (1-2% of a lookup), the timer's `stat` under 10 us a second.
 * A file damaged in place makes lookups fail (a 500 each, the first one logged in full) and
 * `ready()` reject until the file changes again; nothing is thrown outside a lookup.
 *
 * @example
 * const source = openSqliteSource({ type: 'sqlite', file: '/data/crm.sqlite', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false });
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export function openSqliteSource(config: SqliteSourceConfig, busyTimeoutMs = 2000, checkMs = CHECK_MS): Source {
  let failure: Failure | undefined;
  const fail = (error: unknown): Failure => (failure ??= { error, version: fileVersion(config.file), reported: false });
  // The path is looked at before the open: a file renamed in between is then seen as new once more.
  const open = (version: FileVersion | Error, plan: boolean) => ({
    version,
    handle: openSqliteHandle(config, { busyTimeoutMs, plan, onWindowError: fail }),
  });
  let current: { version: FileVersion | Error; handle: SqliteHandle } = open(fileVersion(config.file), true);
  const { columns, warnings } = current.handle;
  let closed = false;

  /** Opens the file now at the path if it is another one, or changed since a failure. Never throws. */
  const refresh = (): FileVersion | Error => {
    const now = fileVersion(config.file);
    // A missing or unreadable path leaves the open file serving: it is still the last good data.
    if (closed || now instanceof Error) return now;
    const unchanged = failure === undefined ? known(current.version, now, sameFile) : known(failure.version, now, sameVersion);
    if (unchanged) return now;
    try {
      const next = open(now, false);
      if (next.handle.columns.join('\0') !== columns.join('\0')) {
        next.handle.close();
        throw new ConfigError([{ path: 'source.query', message: `on the new ${config.file} it returns ${next.handle.columns.join(', ')}, not ${columns.join(', ')}: restart to serve it` }]);
      }
      current.handle.close();
      current = next;
      failure = undefined;
    } catch (error) {
      failure = { error, version: now, reported: false };
    }
    return now;
  };

  // refresh() never throws, so nothing can escape from this timer.
  const watch = setInterval(refresh, checkMs);
  watch.unref();

  const lookupValues = (params: Readonly<Record<string, string>>, limit: number): unknown[][] => {
    try {
      return current.handle.lookupValues(params, limit);
    } catch (error) {
      const reason = fail(error);
      if (reason.reported) throw new SourceUnavailableError(error);
      reason.reported = true;
      throw error;
    }
  };

  return {
    blocking: true,
    columns,
    warnings,
    lookupValues,
    async lookup(params, limit) {
      return lookupValues(params, limit).map((values) => {
        const row: Row = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
        return row;
      });
    },
    // better-sqlite3 cannot be interrupted: `signal` is looked at before, LIMIT bounds the rest.
    async sampleColumn(column, from, limit, signal) {
      signal.throwIfAborted();
      return current.handle.sampleColumn(column, from, limit);
    },
    async ready() {
      const now = refresh();
      if (now instanceof Error) throw now;
      checkSqliteHeader(config.file);
      // A new file refused at reopen stays refused until the path changes again; a failure of the
      // open file (a copy in place seen half-written) lasts only while the file still fails.
      if (failure !== undefined && !(failure.version instanceof Error) && !known(current.version, failure.version, sameFile)) throw failure.error;
      try {
        current.handle.lookupValues({}, 1);
      } catch (error) {
        throw fail(error).error;
      }
      failure = undefined;
    },
    async close() {
      closed = true;
      clearInterval(watch);
      current.handle.close();
    },
  };
}

function known(then: FileVersion | Error, now: FileVersion, same: (a: FileVersion, b: FileVersion) => boolean): boolean {
  return !(then instanceof Error) && same(then, now);
}
