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

/**
 * The message and code a DOMException is logged with. Its name is its code today
 * (`TimeoutError`); the numeric `code` is a legacy table's.
 *
 * @example
 * domFields(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
 * // { message: 'TimeoutError: The operation was aborted due to timeout', code: 'TimeoutError' }
 */
export function domFields(error: DOMException): { message: string; code: string } {
  return { message: `${error.name}: ${error.message}`, code: error.name };
}

/**
 * `fields` as an object pino logs with `fields.type` as its `type`. pino's err serializer names
 * the `type` after the object's constructor; an object without a prototype has none, so it takes
 * `name` (kept out of the line by being non-enumerable).
 *
 * @example
 * logger.error({ err: named({ type: 'SqliteError', source: 'sqlite', message: 'SqliteError SQLITE_ERROR (...)' }) });
 * // err: { type: 'SqliteError', source: 'sqlite', message: ... }
 */
export function named<T extends { type: string }>(fields: T): T {
  const logged = Object.create(null) as T;
  Object.defineProperty(logged, 'name', { value: fields.type });
  return Object.assign(logged, fields);
}
