import type { Row, Source } from '../types.js';
import { SourceError } from '../vocabulary/source-errors.js';

/** What a lookup function is given besides the lookup items. */
export interface LookupContext {
  /** The most rows the endpoint uses (2 when `source.unique` is set, to tell one from several). */
  limit: number;
  /** Aborted at `limits.sourceTimeoutMs`: pass it on to `fetch` or the driver to cancel the work. */
  signal: AbortSignal;
}

/** One row, several, or `null`/`undefined` for "no such customer". */
export type LookupAnswer = Row | readonly Row[] | null | undefined;

/**
 * A lookup written in code. `params` holds the lookup items the request sent (an optional item it
 * left out is absent), already checked against the `lookup` config.
 */
export type LookupFunction = (params: Readonly<Record<string, string>>, context: LookupContext) => LookupAnswer | Promise<LookupAnswer>;

export interface FunctionSourceOptions {
  /** For `/readyz`: resolves when whatever the function reads from answers. Default: always ready. */
  ready?: () => void | Promise<void>;
  /** Called once when the endpoint closes (release a pool, a client). */
  close?: () => void | Promise<void>;
}

/**
 * A source from a function, for library users whose customers live behind their own code. Pass it
 * as `createEndpoint(config, { source })` with `source: { type: function }` in the config (any
 * other source block is then not opened; only its `unique` is used). A function that throws (or rejects) is a 500
 * SOURCE_ERROR, logged by its class, `code` and call frames, never its message (it may quote the
 * lookup values: log what you know to be safe yourself); one that outlives `limits.sourceTimeoutMs` a 500 SOURCE_TIMEOUT, whether or not
 * it honours the signal (its late answer is dropped).
 *
 * @example
 * const endpoint = await createEndpoint(config, {
 *   source: functionSource(async (p, { signal }) => db.customers.findOne({ phone: p.callNum }, { signal }), {
 *     close: () => db.close(),
 *   }),
 * });
 */
export function functionSource(fn: LookupFunction, options: FunctionSourceOptions = {}): Source {
  let closed: Promise<void> | undefined;
  return {
    async lookup(params, limit, signal) {
      return toRows(await fn(params, { limit, signal }), limit);
    },
    async ready() {
      await options.ready?.();
    },
    close() {
      // Endpoint shutdown and a user's own cleanup may both close it; the callback runs once.
      closed ??= (async () => {
        await options.close?.();
      })();
      return closed;
    },
  };
}

function toRows(answer: LookupAnswer, limit: number): Row[] {
  if (answer === null || answer === undefined) return [];
  const rows: readonly unknown[] = Array.isArray(answer) ? answer.slice(0, limit) : [answer];
  for (const row of rows) {
    // Checked here so a mistake reads as the function's, not as a failure deep in rendering.
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new SourceError(`the lookup function returned ${row === null ? 'null' : Array.isArray(row) ? 'an array' : `a ${typeof row}`} as a row; return an object (column to value), an array of them, or null`);
    }
  }
  return rows as Row[];
}
