import type pino from 'pino';
import type { Registry } from 'prom-client';
import { openLookupCache } from './cache/index.js';
import type { ClusterView } from './cluster/ipc.js';
import { ConfigError } from './config/error.js';
import type { EndpointConfig } from './config/types.js';
import { isLoopback } from '../utils/loopback.js';
import { createIpAllow } from './ops/ip-allow.js';
import { createLogger } from './ops/logger.js';
import { compileLookup } from './pipeline/lookup-items.js';
import { createMetrics } from './ops/metrics.js';
import { createOps, readiness } from './ops/ops.js';
import { createPipeline } from './pipeline/pipeline.js';
import { compileResult, compileValuesResult } from './pipeline/result.js';
import { openReplayStore } from './replay/index.js';
import type { ReplayStore } from './replay/types.js';
import { openSource } from './sources/index.js';
import { normalizeWarnings } from './sources/normalize-check.js';
import { clientIp } from './routing/client-ip.js';
import { requestId } from './routing/request-id.js';
import { createRouter, type EndpointPaths, type Route } from './routing/router.js';
import type { Handler, Source } from './types.js';

/**
 * A running endpoint, independent of any HTTP server. Every transport (`serve`'s node:http, the
 * Express, Fastify and fetch adapters) only translates its request in and the answer out: the
 * routing, the client address and the protocol are decided here, once.
 */
export interface Endpoint {
  config: EndpointConfig;
  /** The API path(s) and the ops paths, for transports that declare routes. */
  readonly paths: EndpointPaths;
  /** `'api'`, `'ops'`, or `undefined` for a path of neither (`handle` answers it 404; a middleware passes it on). */
  route(path: string): Route | undefined;
  /**
   * Answers any request: the API path through the pipeline, the ops paths for `ops.allowIps`,
   * anything else 404 (403 first for an address outside `allowIps`). The client address is
   * `remoteAddress`, or the one `listen.trustProxy` takes from `X-Forwarded-For`. Every answer
   * carries `X-Request-Id` (the caller's if it is a sane token, see `requestId`). Never rejects.
   */
  handle: Handler;
  /** This process's readiness (what `/readyz` checks outside a cluster): rejects when not ready. */
  ready(): Promise<void>;
  /** This endpoint's metrics (what `/metrics` shows outside a cluster). */
  registry: Registry;
  /** Closes the source and the cache, and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Default: JSON lines on stdout through an asynchronous destination, at `log.level`. */
  logger?: pino.Logger;
  /** Default: the source the config names, opened read-only. */
  source?: Source;
  /**
   * Default: the store `auth.replay` names, opened here and closed with the endpoint. A store
   * given here (used only when `auth.replay` is set) is the caller's: it outlives the endpoint,
   * as it must across a reload.
   */
  replay?: ReplayStore;
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
    replay = config.auth.replay === undefined ? undefined : (options.replay ?? (await openReplayStore(config)));
  } catch (error) {
    await source.close();
    throw error;
  }
  const own = options.logger === undefined ? createLogger(config) : undefined;
  const logger = options.logger ?? own!.logger;
  warnAtStart(config, logger);
  for (const warning of [...(source.warnings ?? []), ...(await normalizeWarnings(config))]) logger.warn(warning);
  const metrics = createMetrics({ cache: config.cache !== undefined });
  const cache = await openLookupCache(config, logger, metrics);
  const pipeline = createPipeline({
    config,
    source,
    logger,
    metrics,
    ipAllowed: config.allowIps === undefined ? undefined : createIpAllow(config.allowIps),
    ...(replay === undefined ? {} : { replay }),
    ...(cache === undefined ? {} : { cache }),
    readLookup: compileLookup(config.lookup),
    render: compileResult(config.result),
    ...(source.columns === undefined ? {} : { renderValues: compileValuesResult(config.result, source.columns) }),
  });
  const ready = readiness(source, replay, config.limits.sourceTimeoutMs);
  const ops = createOps(ready, metrics, logger, { allowIps: config.ops.allowIps, cluster: options.cluster });
  const route = createRouter([config.listen.path]);
  const { trustProxy } = config.listen;
  let closed: Promise<void> | undefined;
  return {
    config,
    paths: route.paths,
    route,
    handle(request) {
      const reqId = requestId(request.headers['x-request-id']);
      const ip = clientIp(request.remoteAddress, request.headers['x-forwarded-for'], trustProxy);
      const to = route(request.path);
      if (to !== 'ops') return pipeline(request, ip, to === 'api', reqId);
      return ops(request.method, request.path, ip).then((response) => {
        response.headers['x-request-id'] = reqId;
        return response;
      });
    },
    ready,
    registry: metrics.registry,
    close() {
      closed ??= Promise.all([source.close(), options.replay === undefined ? replay?.close() : undefined, cache?.close()])
        .then(() => undefined)
        .finally(() => own?.flush());
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
