/**
 * What the SQL server sources (sql-server.ts) share around their pools: a query that a deadline
 * cancels on the server (URLs and driver errors lose their password in utils/url-password.ts).
 */

/** How a SQL server source leases connections: what `runAbortable` needs from its pool. */
export interface ConnectionLeases<C> {
  acquire(): Promise<C>;
  /** `destroy`: close the connection instead of returning it to the pool. */
  release(connection: C, destroy: boolean): void;
  /** Stops the statement running on `connection`, from another connection. */
  cancel(connection: C): Promise<void>;
}

/**
 * Runs one statement on a leased connection under `signal`. On abort it rejects at once, cancels
 * the statement on the server (a slow query must not hold a pooled connection), then drops the
 * connection so a late cancel never hits the next lookup on it. A failed connection is dropped too.
 *
 * @example
 * import type { PoolClient } from 'pg';
 * const rows = await runAbortable(leases, signal, (c: PoolClient) => c.query('SELECT 1'));
 */
export async function runAbortable<C, T>(leases: ConnectionLeases<C>, signal: AbortSignal, run: (connection: C) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const acquiring = leases.acquire();
  let connection: C;
  try {
    connection = await untilAborted(acquiring, signal);
  } catch (error) {
    // Aborted while waiting for a free connection: it still arrives, and goes straight back.
    acquiring.then((c) => leases.release(c, false), () => {});
    throw error;
  }
  const running = run(connection);
  try {
    const result = await untilAborted(running, signal);
    leases.release(connection, false);
    return result;
  } catch (error) {
    running.catch(() => {});
    if (signal.aborted) {
      const leased = connection;
      void leases.cancel(leased).catch(() => {}).finally(() => leases.release(leased, true));
    } else {
      leases.release(connection, true);
    }
    throw error;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
