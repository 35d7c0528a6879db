import type Database from 'better-sqlite3';

/** How long lookups share one read transaction (see `readWindow`). */
export const SNAPSHOT_MS = 5;

/** The read transaction that lookups on one open file share. */
export interface ReadWindow {
  /** Begins a window unless one is open; the window ends by itself after `SNAPSHOT_MS`. */
  enter(): void;
  /** Ends the window now: false when its transaction could not commit (then it was rolled back). Never throws. */
  end(): boolean;
}

/**
 * A read window on `db`. Every SQLite read transaction takes and drops a file lock (several
 * system calls; about 20 us on a VM, ten times the indexed lookup itself). Lookups therefore
 * share one read transaction for up to `SNAPSHOT_MS`: under load the lock is paid once per
 * window instead of once per request, a writer waits at most one window for the lock, and a
 * lookup never sees data older than one window.
 *
 * `onError` is told when ending a window fails, which happens outside any request (from a timer).
 *
 * @example
 * const window = readWindow(db, (error) => logger.warn({ err: error }, 'read window failed'));
 * window.enter();
 * statement.get(bind);
 * window.end(); // on close, or after a failed read
 */
export function readWindow(db: Database.Database, onError: (error: unknown) => void): ReadWindow {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let inWindow = false;
  // A read transaction that cannot commit (the file was damaged under it) is rolled back, so the
  // next window starts clean; nothing here may throw, it runs from a timer or a close.
  const end = (): boolean => {
    inWindow = false;
    try {
      if (db.open && db.inTransaction) commit.run();
      return true;
    } catch (error) {
      try {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
      } catch {
        // The connection is closed by its owner once the file is found broken.
      }
      onError(error);
      return false;
    }
  };
  const onTimer = (): void => void end();

  return {
    enter() {
      if (!inWindow) {
        inWindow = true;
        if (!db.inTransaction) begin.run();
        setTimeout(onTimer, SNAPSHOT_MS).unref();
      }
    },
    end,
  };
}
