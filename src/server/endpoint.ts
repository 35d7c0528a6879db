import type pino from 'pino';
import type { Registry } from 'prom-client';
import type { ClusterView } from './cluster/ipc.js';
import { ConfigError } from './config/error.js';
import type { EndpointConfig } from './config/types.js';
import { isLoopback } from '../utils/loopback.js';
import { createIpAllow } from './ip-allow.js';
import { createLogger } from './logger.js';
import { compileLookup } from './lookup-items.js';
import { createMetrics } from './metrics.js';
import { createOps, readiness } from './ops.js';
import { createPipeline } from './pipeline.js';
import { compileResult, compileValuesResult } from './result.js';
import { openReplayStore } from './replay/index.js';
import type { ReplayStore } from './replay/types.js';
import { openSource } from './sources/index.js';
import type { EndpointResponse, Handler, Source } from './types.js';

/** A running endpoint, independent of any HTTP server: `serve` and the framework adapters use it. */
export interface Endpoint {
  config: EndpointConfig;
  /** The API route, for any path and method: the pipeline answers 404 and 405 itself. */
  handle: Handler;
  /** `/healthz`, `/readyz`, `/metrics` (for `ops.allowIps`); `undefined` for any other path. */
  ops(method: string, path: string, ip: string | undefined): Promise<EndpointResponse | undefined>;
  /** This process's readiness (what `/readyz` checks outside a cluster): rejects when not ready. */
  ready(): Promise<void>;
  /** This endpoint's metrics (what `/metrics` shows outside a cluster). */
  registry: Registry;
  /** Closes the source and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Default: JSON lines on stdout through an asynchronous destination, at `log.level`. */
  logger?: pino.Logger;
  /** Default: the source the config names, opened read-only. */
  source?: Source;
  /** In a `serve --workers` worker: `/metrics` and `/readyz` answer for every worker. */
  cluster?: ClusterView;
}

/**
 * Builds an endpoint from a validated config: opens the source, checks the result columns
 * against it, and compiles everything a request needs (keys, validators, result rendering,
 * metric counters) once. Throws a `ConfigError` if the source cannot serve this config.
 *
 * @example
 * const endpoint = await createEndpoint(loadConfigFile('custlink.yaml'));
 * const response = await endpoint.handle(request);
 * await endpoint.close();
 */
export async function createEndpoint(config: EndpointConfig, options: EndpointOptions = {}): Promise<Endpoint> {
  const source = options.source ?? (await openSource(config));
  let replay: ReplayStore | undefined;
  try {
    checkColumns(config, source);
    replay = await openReplayStore(config);
  } catch (error) {
    await source.close();
    throw error;
  }
  const own = options.logger === undefined ? createLogger(config) : undefined;
  const logger = options.logger ?? own!.logger;
  warnAtStart(config, logger);
  for (const warning of source.warnings ?? []) logger.warn(warning);
  const metrics = createMetrics();
  const handle = createPipeline({
    config,
    source,
    logger,
    metrics,
    ipAllowed: config.allowIps === undefined ? undefined : createIpAllow(config.allowIps),
    ...(replay === undefined ? {} : { replay }),
    readLookup: compileLookup(config.lookup),
    render: compileResult(config.result),
    ...(source.columns === undefined ? {} : { renderValues: compileValuesResult(config.result, source.columns) }),
  });
  const ready = readiness(source, replay, config.limits.sourceTimeoutMs);
  let closed: Promise<void> | undefined;
  return {
    config,
    handle,
    ops: createOps(ready, metrics, logger, { allowIps: config.ops.allowIps, cluster: options.cluster }),
    ready,
    registry: metrics.registry,
    close() {
      closed ??= Promise.all([source.close(), replay?.close()]).then(() => undefined).finally(() => own?.flush());
      return closed;
    },
  };
}

function checkColumns(config: EndpointConfig, source: Source): void {
  const columns = source.columns;
  if (columns === undefined) return;
  const issues = Object.entries(config.result)
    .filter(([, item]) => !columns.includes(item.column))
    .map(([key, item]) => ({
      path: `result.${key}`,
      message: `column "${item.column}" is not in the query's result (it returns: ${columns.join(', ')})`,
    }));
  if (issues.length > 0) throw new ConfigError(issues);
}

function warnAtStart(config: EndpointConfig, logger: pino.Logger): void {
  if (!config.auth.enabled) {
    logger.warn('auth.enabled is false: requests are NOT verified (helpdesk API 암호화 여부 = 아니오); anyone who can reach the endpoint can look customers up');
  } else if (config.auth.keys.some((k) => k.length < 16)) {
    logger.warn('an auth key is shorter than 16 characters; the helpdesk generates 24-character keys');
  }
  if (config.listen.tls === undefined && !isLoopback(config.listen.host)) {
    logger.warn('listen.tls is not set: plain HTTP outside localhost; terminate TLS in front of custlink or set listen.tls');
  }
}
