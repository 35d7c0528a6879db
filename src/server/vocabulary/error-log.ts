import { describeCodes, type ErrorCodes } from './error-codes.js';
import { SourceError } from './source-errors.js';
import { domFields, named } from './loggable-error.js';

/**
 * What of a failed lookup reaches the log. Database servers quote the values bound to a query
 * in their messages (`value "01055551234567" is out of range for type integer`), and so may a
 * driver, an upstream or a lookup function: lookup values are personal data. So the log gets
 * the error's class, its codes and a description made from them; a message only when custlink
 * worded it (a `SourceError`).
 */

/** A failed lookup as logged (under `err`): nothing in it comes from a message custlink did not word. */
export interface LoggedSourceError extends ErrorCodes {
  /** The error's class: `DatabaseError`, `SqliteError`, `HttpSourceError`, a function's own. */
  type: string;
  /** The config's `source.type`. */
  source: string;
  /** A description from the codes, or the message of a `SourceError`. */
  message: string;
  /** The call frames under a header of `type` and `message`; none when they cannot be told from the message. */
  stack?: string;
}

/**
 * The loggable part of `error`, thrown by a source of type `source`. Every pipeline log line of
 * a failed lookup goes through here, so no driver or server message text (nor its `detail`,
 * `where` or `sqlMessage`, which quote values too) reaches the log.
 *
 * @example
 * logger.error({ reqId, err: loggableSourceError(error, 'postgres') }, 'source lookup failed');
 * // err: { type: 'DatabaseError', source: 'postgres', code: '22003', severity: 'ERROR',
 * //        message: 'PostgreSQL ERROR 22003: data exception (a value does not fit its type, range or format)', stack: ... }
 */
export function loggableSourceError(error: unknown, source: string): LoggedSourceError {
  if (error instanceof DOMException) return named({ type: 'DOMException', source, ...domFields(error) });
  if (!(error instanceof Error)) return named({ type: typeof error, source, message: `a thrown ${typeof error}, not an Error` });
  const e = error as Error & Record<string, unknown>;
  const type = typeof e.constructor === 'function' && e.constructor.name !== '' ? e.constructor.name : e.name;
  const fields: ErrorCodes = {};
  if (typeof e.code === 'string' || Number.isSafeInteger(e.code)) fields.code = e.code as string | number;
  if (Number.isSafeInteger(e.errno)) fields.errno = e.errno as number;
  if (typeof e.sqlState === 'string') fields.sqlState = e.sqlState;
  if (typeof e.severity === 'string') fields.severity = e.severity;
  if (Number.isSafeInteger(e.status)) fields.status = e.status as number;
  const message = error instanceof SourceError ? error.message : describeCodes(type, fields);
  const stack = framesOf(error);
  return named({ type, source, message, ...(stack === undefined ? {} : { stack: `${type}: ${message}${stack}` }), ...fields });
}

/** The stack's call frames, after its header (which repeats the message); `undefined` when they cannot be told apart. */
function framesOf(error: Error): string | undefined {
  const stack = error.stack;
  if (typeof stack !== 'string') return undefined;
  // A value in the message could hold a line that looks like a frame: cut after the message itself.
  const at = error.message === '' ? stack.indexOf('\n') : stack.indexOf(error.message);
  if (at < 0) return undefined;
  const rest = stack.slice(error.message === '' ? at : at + error.message.length);
  const frames = rest.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length === 0 ? undefined : `\n${frames.join('\n')}`;
}
