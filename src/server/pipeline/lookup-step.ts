import { performance } from 'node:perf_hooks';
import type pino from 'pino';
import { loggableSourceError } from '../vocabulary/error-log.js';
import type { Row } from '../types.js';
import type { PipelineParts } from './parts.js';
import { NOT_FOUND, NOT_UNIQUE, SOURCE_ERROR, SOURCE_TIMEOUT } from '../vocabulary/refusals.js';
import type { Refusal } from '../vocabulary/responses.js';
import { SourceTimeoutError, SourceUnavailableError } from '../vocabulary/source-errors.js';
import { lookupWithin } from './source-call.js';

/** The source and the result: the 200 body or why it is refused; a promise only from an asynchronous source. */
export type Lookup = (params: Record<string, string>, reqId: string) => string | Refusal | Promise<string | Refusal>;

/**
 * Compiles the source call for one API: the lookup, its time in the metrics, a failure logged
 * and refused, the rows answered as the protocol says. The path is chosen here, once: a source's
 * synchronous `lookupValues` when it has one, else its `lookup` under the source timeout.
 *
 * @example
 * const lookup = createLookup(parts);
 * const found = lookup({ callNum: '01012345678' }, reqId);
 * const outcome = found instanceof Promise ? await found : found; // '{"data":{...}}' or a Refusal
 */
export function createLookup(parts: Pick<PipelineParts, 'config' | 'source' | 'logger' | 'metrics' | 'render' | 'renderValues'>): Lookup {
  const { config, source, logger, metrics, render, renderValues } = parts;
  const unique = config.source.unique;
  const sourceType = config.source.type;
  // Asking for two rows is enough to know whether the match is unique.
  const limit = unique ? 2 : 1;

  if (source.lookupValues !== undefined && renderValues !== undefined) {
    // A synchronous source with known columns skips the row objects and the lookup's promise.
    // Throws nothing: a source failure is logged and refused like the asynchronous path's.
    const lookupValues = source.lookupValues.bind(source);
    return function lookupNow(params: Record<string, string>, reqId: string): string | Refusal {
      let rows: unknown[][];
      const started = performance.now();
      try {
        rows = lookupValues(params, limit);
      } catch (error) {
        logFailure(logger, sourceType, reqId, error);
        return SOURCE_ERROR;
      }
      metrics.lookupSeconds((performance.now() - started) / 1000);
      return answer(rows, renderValues, unique);
    };
  }

  const timeoutMs = config.limits.sourceTimeoutMs;
  return async function lookup(params: Record<string, string>, reqId: string): Promise<string | Refusal> {
    let rows: Row[];
    const started = performance.now();
    try {
      rows = await lookupWithin(source, params, limit, timeoutMs);
    } catch (error) {
      logFailure(logger, sourceType, reqId, error);
      return error instanceof SourceTimeoutError ? SOURCE_TIMEOUT : SOURCE_ERROR;
    }
    metrics.lookupSeconds((performance.now() - started) / 1000);
    return answer(rows, render, unique);
  };
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
