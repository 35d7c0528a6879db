import { SourceError } from '../sources/error-log.js';
import type { Row, Source } from '../types.js';

/** The source did not answer within `limits.sourceTimeoutMs`. */
export class SourceTimeoutError extends SourceError {
  override name = 'SourceTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the source did not answer within ${timeoutMs} ms`);
  }
}

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

/**
 * A source that has already failed failed again: the first failure went to the log in full, so
 * this one is logged quietly (a broken file must not write a stack per request).
 *
 * @example
 * if (alreadyReported) throw new SourceUnavailableError(error);
 */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
  constructor(cause: unknown) {
    super('the source is still failing (its first failure is in the log)', { cause });
  }
}
