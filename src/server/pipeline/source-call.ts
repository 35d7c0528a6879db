import { SourceTimeoutError } from '../vocabulary/source-errors.js';
import type { Row, Source } from '../types.js';

/**
 * Calls `source.lookup` with a deadline: past it the signal aborts (so the source can cancel
 * its query) and the call rejects with `SourceTimeoutError`. A `blocking` source (SQLite) has
 * finished by the time it returns, so no timer is armed for it.
 *
 * @example
 * const rows = await lookupWithin(source, { callNum: '01012345678' }, 1, 2000);
 */
export function lookupWithin(
  source: Source,
  params: Readonly<Record<string, string>>,
  limit: number,
  timeoutMs: number,
): Promise<Row[]> {
  if (source.blocking === true) return source.lookup(params, limit, NEVER_ABORTED);
  return new Promise<Row[]>((resolve, reject) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new SourceTimeoutError(timeoutMs));
      reject(new SourceTimeoutError(timeoutMs));
    }, timeoutMs);
    source.lookup(params, limit, controller.signal).then(
      (rows) => {
        clearTimeout(timer);
        resolve(rows);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

const NEVER_ABORTED = new AbortController().signal;
