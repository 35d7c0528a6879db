/**
 * What of a failed lookup reaches the log. Database servers quote the values bound to a query
 * in their messages (`value "01055551234567" is out of range for type integer`), and so may a
 * driver, an upstream or a lookup function: lookup values are personal data. So the log gets
 * the error's class, its codes and a description made from them; a message only when custlink
 * worded it (a `SourceError`).
 */

/** A source failure custlink words itself, quoting no lookup value and no header: its message may be logged. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** A failed lookup as logged (under `err`): nothing in it comes from a message custlink did not word. */
export interface LoggedSourceError {
  /** The error's class: `DatabaseError`, `SqliteError`, `HttpSourceError`, a function's own. */
  type: string;
  /** The config's `source.type`. */
  source: string;
  /** A description from the codes, or the message of a `SourceError`. */
  message: string;
  /** The call frames under a header of `type` and `message`; none when they cannot be told from the message. */
  stack?: string;
  /** SQLSTATE (PostgreSQL), `ER_...` (MySQL), `SQLITE_...`, `ECONNREFUSED`, `UND_ERR_...`, a function's own. */
  code?: string | number;
  errno?: number;
  sqlState?: string;
  /** PostgreSQL's `ERROR`, `FATAL`. */
  severity?: string;
  /** The upstream's HTTP status. */
  status?: number;
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
  const fields: Omit<LoggedSourceError, 'type' | 'source' | 'message'> = {};
  if (typeof e.code === 'string' || Number.isSafeInteger(e.code)) fields.code = e.code as string | number;
  if (Number.isSafeInteger(e.errno)) fields.errno = e.errno as number;
  if (typeof e.sqlState === 'string') fields.sqlState = e.sqlState;
  if (typeof e.severity === 'string') fields.severity = e.severity;
  if (Number.isSafeInteger(e.status)) fields.status = e.status as number;
  const message = error instanceof SourceError ? error.message : describe(type, fields);
  const stack = framesOf(error);
  return named({ type, source, message, ...(stack === undefined ? {} : { stack: `${type}: ${message}${stack}` }), ...fields });
}

/**
 * A DOMException (an `AbortSignal.timeout`'s `TimeoutError`, an `AbortError`) as its name,
 * message and code alone: pino's err serializer copies every enumerable property, inherited ones
 * too, and a DOMException inherits its 25 legacy constants (`INDEX_SIZE_ERR: 1`, ...). Its
 * message is the platform's wording.
 *
 * @example
 * logger.warn({ err: loggableError(error) }, 'readiness check failed');
 * // err: { type: 'DOMException', message: 'TimeoutError: The operation was aborted due to timeout', code: 'TimeoutError' }
 */
export function loggableError(error: unknown): unknown {
  return error instanceof DOMException ? named({ type: 'DOMException', ...domFields(error) }) : error;
}

/** Its name is its code today (`TimeoutError`); the numeric `code` is a legacy table's. */
function domFields(error: DOMException): { message: string; code: string } {
  return { message: `${error.name}: ${error.message}`, code: error.name };
}

function describe(type: string, f: Omit<LoggedSourceError, 'type' | 'source' | 'message'>): string {
  // PostgreSQL's code is a SQLSTATE; MySQL gives one beside its own code and number.
  const postgres = f.severity !== undefined && typeof f.code === 'string' && /^[0-9A-Z]{5}$/.test(f.code);
  const sqlState = postgres ? (f.code as string) : f.sqlState;
  const what = sqlState === undefined ? '' : `: ${SQLSTATE_CLASSES[sqlState.slice(0, 2)] ?? `SQLSTATE class ${sqlState.slice(0, 2)}`}`;
  if (postgres) return `PostgreSQL ${f.severity} ${sqlState}${what}`;
  if (f.errno !== undefined && f.sqlState !== undefined) return `MySQL error ${f.errno} ${f.code ?? ''} (SQLSTATE ${sqlState})${what}`;
  const code = f.code === undefined ? '' : ` ${f.code}`;
  return `${type}${code} (its message is not logged: it may quote lookup values)`;
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

/**
 * pino's err serializer names the `type` after the object's constructor; an object without a
 * prototype has none, so it takes `name` (kept out of the line by being non-enumerable).
 */
function named<T extends { type: string }>(fields: T): T {
  const logged = Object.create(null) as T;
  Object.defineProperty(logged, 'name', { value: fields.type });
  return Object.assign(logged, fields);
}

/** SQLSTATE classes (the first two characters), shared by PostgreSQL and MySQL. */
const SQLSTATE_CLASSES: Record<string, string> = {
  '08': 'connection exception',
  '0A': 'feature not supported',
  '21': 'cardinality violation',
  '22': 'data exception (a value does not fit its type, range or format)',
  '23': 'integrity constraint violation',
  '25': 'invalid transaction state',
  '28': 'invalid authorization',
  '3D': 'invalid database name',
  '40': 'transaction rollback (serialization failure, deadlock)',
  '42': 'syntax error or access rule violation',
  '53': 'insufficient resources',
  '54': 'program limit exceeded',
  '55': 'object not in prerequisite state',
  '57': 'operator intervention (query cancelled, session terminated, server shutting down)',
  '58': 'system error',
  HY: 'general error',
  XX: 'internal error',
};
