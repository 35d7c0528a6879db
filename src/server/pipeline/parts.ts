import type pino from 'pino';
import type { AuditStep } from '../audit/step.js';
import type { LookupCache } from '../cache/index.js';
import type { ApiEndpointConfig } from '../config/types.js';
import type { EndpointMetrics } from '../ops/metrics.js';
import type { ReplayStore } from '../replay/types.js';
import type { Row, Source } from '../types.js';
import type { Refusal } from '../vocabulary/responses.js';

/** Everything the pipeline needs, compiled once at start (see `createEndpoint`). */
export interface PipelineParts {
  config: ApiEndpointConfig;
  source: Source;
  logger: pino.Logger;
  metrics: EndpointMetrics;
  /** `undefined`: every address is allowed. */
  ipAllowed: ((ip: string | undefined) => boolean) | undefined;
  readLookup: (body: Uint8Array) => Record<string, string> | Refusal;
  render: (row: Row) => string;
  /** The same rendering for rows as arrays in `source.columns` order (`source.lookupValues`). */
  renderValues?: (values: readonly unknown[]) => string;
  /** Signatures seen before (`auth.replay`); absent: replays inside the window are accepted. */
  replay?: ReplayStore;
  /** Answers kept for `cache.ttlMs` (`cache`); absent: every lookup reaches the source. */
  cache?: LookupCache;
  /** The access record of each request on this API's path (`audit`); absent: none is written. */
  audit?: AuditStep;
  /** `audit.onFailure: continue`: answer even when the record could not be written. */
  auditContinues?: boolean;
}
