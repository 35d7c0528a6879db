import type pino from 'pino';
import { createAuditStep } from '../audit/step.js';
import type { AuditSink } from '../audit/sink.js';
import { openLookupCache } from '../cache/index.js';
import { apiKeyPrefix, apiView } from '../config/apis.js';
import { ConfigError } from '../config/error.js';
import type { ApiEndpointConfig, EndpointConfig } from '../config/types.js';
import type { EndpointOptions } from '../endpoint-types.js';
import type { EndpointsMetrics } from '../ops/metrics.js';
import { readiness } from '../ops/ops.js';
import { compileLookup } from '../pipeline/lookup-items.js';
import type { PipelineParts } from '../pipeline/parts.js';
import { createPipeline, type PipelineHandler } from '../pipeline/pipeline.js';
import { compileResult, compileValuesResult } from '../pipeline/result.js';
import { openReplayStore } from '../replay/index.js';
import type { ReplayStore } from '../replay/types.js';
import { openSource } from '../sources/index.js';
import type { Source } from '../types.js';
import { checkColumns, warnAtOpen } from './checks.js';

/** One API of an endpoint: its pipeline and what it opened. */
export interface OpenApi {
  path: string;
  parts: PipelineParts;
  pipeline: PipelineHandler;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** What every API of one endpoint shares: one log, one metrics registry, one address check. */
export interface SharedParts {
  logger: pino.Logger;
  metrics: EndpointsMetrics;
  ipAllowed: PipelineParts['ipAllowed'];
  /** The access records' writer (`audit`), shared by every API. */
  audit?: AuditSink | undefined;
}

/**
 * Opens every API of `config` in order, all or none: if one fails, those already opened are
 * closed before the error is rethrown, so a bad config leaves no connection or file open.
 *
 * @example
 * const apis = await openApis(config, {}, { logger, metrics: createMetrics(), ipAllowed: undefined });
 * const pipelines = new Map(apis.map((api) => [api.path, api.pipeline]));
 */
export async function openApis(config: EndpointConfig, options: EndpointOptions, shared: SharedParts): Promise<OpenApi[]> {
  const apis: OpenApi[] = [];
  try {
    for (const [i, api] of config.apis.entries()) {
      apis.push(await openApi(apiView(config, api), apiKeyPrefix(config, i), options, shared));
    }
  } catch (error) {
    await Promise.all(apis.map((api) => api.close()));
    throw error;
  }
  return apis;
}

/** Opens one API's source and replay store and compiles its pipeline; `at` prefixes its config errors. */
async function openApi(config: ApiEndpointConfig, at: string, options: EndpointOptions, shared: SharedParts): Promise<OpenApi> {
  let source: Source | undefined;
  let replay: ReplayStore | undefined;
  const given = options.replays?.get(config.name);
  try {
    source = options.sources?.[config.name] ?? options.source ?? (await openSource(config));
    checkColumns(config, source);
    replay = config.auth.replay === undefined ? undefined : (given ?? (await openReplayStore(config)));
  } catch (error) {
    await source?.close();
    throw error instanceof ConfigError && at !== '' ? new ConfigError(error.issues.map((i) => ({ ...i, path: at + i.path })), error.file, { cause: error }) : error;
  }
  const logger = shared.logger.child({ api: config.name });
  await warnAtOpen(config, source, logger, options.checkStoredForm === true);
  const metrics = shared.metrics.forApi(config.name);
  const cache = await openLookupCache(config, logger, metrics);
  const parts: PipelineParts = {
    config,
    source,
    logger,
    metrics,
    ipAllowed: shared.ipAllowed,
    ...(replay === undefined ? {} : { replay }),
    ...(cache === undefined ? {} : { cache }),
    ...(shared.audit === undefined ? {} : { audit: createAuditStep(config, shared.audit), auditContinues: config.audit?.onFailure === 'continue' }),
    readLookup: compileLookup(config.lookup),
    render: compileResult(config.result),
    ...(source.columns === undefined ? {} : { renderValues: compileValuesResult(config.result, source.columns) }),
  };
  const opened = source;
  return {
    path: config.path,
    parts,
    pipeline: createPipeline(parts),
    ready: readiness(source, replay, config.limits.sourceTimeoutMs),
    // A store the caller gave outlives this endpoint (a reload hands it to the next one).
    close: () => Promise.all([opened.close(), given === undefined ? replay?.close() : undefined, cache?.close()]).then(() => undefined),
  };
}
