/** The codes of a failed lookup's error: what can be logged of it without its message. */
export interface ErrorCodes {
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
 * A description of an error of class `type` made from its codes alone, so that a reader of the
 * log learns what went wrong without the message, which may quote lookup values.
 *
 * @example
 * describeCodes('DatabaseError', { code: '22003', severity: 'ERROR' })
 * // 'PostgreSQL ERROR 22003: data exception (a value does not fit its type, range or format)'
 * describeCodes('SqliteError', { code: 'SQLITE_ERROR' })
 * // 'SqliteError SQLITE_ERROR (its message is not logged: it may quote lookup values)'
 */
export function describeCodes(type: string, f: ErrorCodes): string {
  // PostgreSQL's code is a SQLSTATE; MySQL gives one beside its own code and number.
  const postgres = f.severity !== undefined && typeof f.code === 'string' && /^[0-9A-Z]{5}$/.test(f.code);
  const sqlState = postgres ? (f.code as string) : f.sqlState;
  const what = sqlState === undefined ? '' : `: ${SQLSTATE_CLASSES[sqlState.slice(0, 2)] ?? `SQLSTATE class ${sqlState.slice(0, 2)}`}`;
  if (postgres) return `PostgreSQL ${f.severity} ${sqlState}${what}`;
  if (f.errno !== undefined && f.sqlState !== undefined) return `MySQL error ${f.errno} ${f.code ?? ''} (SQLSTATE ${sqlState})${what}`;
  const code = f.code === undefined ? '' : ` ${f.code}`;
  return `${type}${code} (its message is not logged: it may quote lookup values)`;
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
