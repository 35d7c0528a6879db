import { performance } from 'node:perf_hooks';
import type pino from 'pino';
import { loggableSourceError } from '../vocabulary/error-log.js';
import type { Row } from '../types.js';
import type { PipelineParts } from './parts.js';
import { NOT_FOUND, NOT_UNIQUE, SOURCE_ERROR, SOURCE_TIMEOUT } from '../vocabulary/refusals.js';
import type { Refusal } from '../vocabulary/responses.js';
import { SourceTimeoutError, SourceUnavailableError } from '../vocabulary/source-errors.js';
import { lookupWithin } from './source-call.js';

/**
 * The source and the result for one request: the lookup, its time in the metrics, a failure
 * logged and refused, the rows answered as the protocol says. A source with a synchronous
 * `lookupValues` (SQLite, with known columns) is asked through it, skipping the row objects
 * and the promise; any other under `limits.sourceTimeoutMs`. Never rejects.
 *
 * @example
 * const found = lookUp(parts, { callNum: '01012345678' }, reqId);
 * const outcome = found instanceof Promise ? await found : found; // '{"data":{...}}' or a Refusal
 */
export function lookUp(
  parts: Pick<PipelineParts, 'config' | 'source' | 'logger' | 'metrics' | 'render' | 'renderValues'>,
  params: Record<string, string>,
  reqId: string,
): string | Refusal | Promise<string | Refusal> {
  const { source, renderValues } = parts;
  if (source.lookupValues !== undefined && renderValues !== undefined) {
    const unique = parts.config.source.unique;
    let rows: unknown[][];
    const started = performance.now();
    try {
      // Asking for two rows is enough to know whether the match is unique.
      rows = source.lookupValues(params, unique ? 2 : 1);
    } catch (error) {
      logFailure(parts.logger, parts.config.source.type, reqId, error);
      return SOURCE_ERROR;
    }
    parts.metrics.lookupSeconds((performance.now() - started) / 1000);
    return answer(rows, renderValues, unique);
  }
  return lookUpLater(parts, params, reqId);
}

async function lookUpLater(parts: Pick<PipelineParts, 'config' | 'source' | 'logger' | 'metrics' | 'render'>, params: Record<string, string>, reqId: string): Promise<string | Refusal> {
  const unique = parts.config.source.unique;
  let rows: Row[];
  const started = performance.now();
  try {
    rows = await lookupWithin(parts.source, params, unique ? 2 : 1, parts.config.limits.sourceTimeoutMs);
  } catch (error) {
    logFailure(parts.logger, parts.config.source.type, reqId, error);
    return error instanceof SourceTimeoutError ? SOURCE_TIMEOUT : SOURCE_ERROR;
  }
  parts.metrics.lookupSeconds((performance.now() - started) / 1000);
  return answer(rows, parts.render, unique);
}

/** The rows a lookup found, as the protocol answers them: none is 400, the first is 200. */
function answer<R>(rows: readonly R[], render: (row: R) => string, unique: boolean): string | Refusal {
  if (rows.length === 0) return NOT_FOUND;
  if (rows.length > 1 && unique) return NOT_UNIQUE;
  return render(rows[0]!);
}

/**
 * The cause (SQL state, driver code) is for the operator's log, never the response; a source
 * known to be down logs its repeats at debug, a timeout its class and message without a stack.
 */
function logFailure(logger: pino.Logger, sourceType: string, reqId: string, error: unknown): void {
  const err = loggableSourceError(error, sourceType);
  if (error instanceof SourceTimeoutError) {
    // Expected under load or with a slow source: its own line says it all, a stack adds nothing.
    delete err.stack;
    logger.warn({ reqId, err }, 'source lookup timed out');
    return;
  }
  logger[error instanceof SourceUnavailableError ? 'debug' : 'error']({ reqId, err }, 'source lookup failed');
}
