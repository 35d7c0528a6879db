import type pino from 'pino';
import type { Registry } from 'prom-client';
import { openLookupCache } from './cache/index.js';
import type { ClusterView } from './cluster/ipc.js';
import { ConfigError } from './config/error.js';
import type { ApiEndpointConfig, EndpointConfig } from './config/types.js';
import { apiKeyPrefix, apiView } from './config/apis.js';
import { isLoopback } from '../utils/loopback.js';
import { createIpAllow } from './ops/ip-allow.js';
import { createLogger } from './ops/logger.js';
import { compileLookup } from './pipeline/lookup-items.js';
import { createMetrics, type EndpointsMetrics } from './ops/metrics.js';
import { createOps, readiness } from './ops/ops.js';
import { createPipeline, type PipelineHandler, type PipelineParts } from './pipeline/pipeline.js';
import { compileResult, compileValuesResult } from './pipeline/result.js';
import { openReplayStore } from './replay/index.js';
import type { ReplayStore } from './replay/types.js';
import { openSource } from './sources/index.js';
import { storedFormWarnings } from './sources/normalize-check.js';
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
   * Answers any request: each API's path through that API's pipeline, the ops paths for `ops.allowIps`,
   * anything else 404 (403 first for an address outside `allowIps`). The client address is
   * `remoteAddress`, or the one `listen.trustProxy` takes from `X-Forwarded-For`. Every answer
   * carries `X-Request-Id` (the caller's if it is a sane token, see `requestId`). Never rejects.
   */
  handle: Handler;
  /** This process's readiness (what `/readyz` checks outside a cluster): rejects when not ready. */
  ready(): Promise<void>;
  /** This endpoint's metrics (what `/metrics` shows outside a cluster). */
  registry: Registry;
  /** The endpoint's log, for the lines a transport writes itself (requests its HTTP parser refused). */
  logger: pino.Logger;
  /** Closes the source and the cache, and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Default: JSON lines on stdout through an asynchronous destination, at `log.level`. */
  logger?: pino.Logger;
  /** Default: the source the config names, opened read-only. For a config of one API only. */
  source?: Source;
  /** Sources by API name, for several APIs (a `function` source); an API not listed opens its own. */
  sources?: Readonly<Record<string, Source>>;
  /**
   * By API name: the store its `auth.replay` names, used only when that is set. Default: opened
   * here and closed with the endpoint. A store given here is the caller's: it outlives the
   * endpoint, as it must across a reload.
   */
  replays?: ReadonlyMap<string, ReplayStore>;
  /** In a `serve --workers` worker: `/metrics` and `/readyz` answer for every worker. */
  cluster?: ClusterView;
  /**
   * Samples, through each API's open source, the stored values of the lookup items with
   * `normalize` and warns of those not in that form (`storedFormWarnings`). Only where a person
   * reads the start: `custlink serve` once at start and `serve --check`, not each reload, each
   * embedding adapter or each `--workers` worker (a query per API per build adds up). Default: off.
   */
  checkStoredForm?: boolean;
}

/**
 * Builds an endpoint from a validated config: for each API, opens its source, checks the result
 * columns against it, and compiles everything a request needs (keys, validators, result
 * rendering, metric counters) once; one pipeline per API, chosen by the path. Throws a
 * `ConfigError` if a source cannot serve its API's config.
 *
 * @example
 * const endpoint = await createEndpoint(loadConfigFile('custlink.yaml'));
 * const response = await endpoint.handle(request);
 * await endpoint.close();
 */
export async function createEndpoint(config: EndpointConfig, options: EndpointOptions = {}): Promise<Endpoint> {
  if (options.source !== undefined && config.apis.length > 1) {
    throw new ConfigError([{ path: 'apis', message: 'lists several APIs: pass their sources by API name (options.sources), not options.source' }]);
  }
  const own = options.logger === undefined ? createLogger(config) : undefined;
  const logger = options.logger ?? own!.logger;
  if (config.listen.tls === undefined && !isLoopback(config.listen.host)) {
    logger.warn('listen.tls is not set: plain HTTP outside localhost; terminate TLS in front of custlink or set listen.tls');
  }
  const metrics = createMetrics({ cache: config.cache !== undefined });
  const ipAllowed = config.allowIps === undefined ? undefined : createIpAllow(config.allowIps);
  const apis: OpenApi[] = [];
  try {
    for (const [i, api] of config.apis.entries()) {
      apis.push(await openApi(apiView(config, api), apiKeyPrefix(config, i), options, { logger, metrics, ipAllowed }));
    }
  } catch (error) {
    await Promise.all(apis.map((api) => api.close()));
    own?.flush();
    throw error;
  }
  const pipelines = new Map(apis.map((api) => [api.path, api.pipeline]));
  // A path of no API is refused by a pipeline too (after the address check), counted under no API.
  const noApi = createPipeline({ ...apis[0]!.parts, metrics: metrics.forApi(''), logger });
  const ready = (): Promise<void> => Promise.all(apis.map((api) => api.ready())).then(() => undefined);
  const ops = createOps(ready, metrics, logger, { allowIps: config.ops.allowIps, cluster: options.cluster });
  const route = createRouter([...pipelines.keys()]);
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
      if (to === 'ops') {
        return ops(request.method, request.path, ip).then((response) => {
          response.headers['x-request-id'] = reqId;
          return response;
        });
      }
      const pipeline = to === 'api' ? pipelines.get(request.path) : undefined;
      return pipeline === undefined ? noApi(request, ip, false, reqId) : pipeline(request, ip, true, reqId);
    },
    ready,
    registry: metrics.registry,
    logger,
    close() {
      closed ??= Promise.all(apis.map((api) => api.close()))
        .then(() => undefined)
        .finally(() => own?.flush());
      return closed;
    },
  };
}

/** One API of an endpoint: its pipeline and what it opened. */
interface OpenApi {
  path: string;
  parts: PipelineParts;
  pipeline: PipelineHandler;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Opens one API's source and replay store and compiles its pipeline; `at` prefixes its config errors. */
async function openApi(
  config: ApiEndpointConfig,
  at: string,
  options: EndpointOptions,
  shared: { logger: pino.Logger; metrics: EndpointsMetrics; ipAllowed: PipelineParts['ipAllowed'] },
): Promise<OpenApi> {
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
  warnAuth(config, logger);
  const storedForm = options.checkStoredForm === true ? await storedFormWarnings(config, source) : [];
  for (const warning of [...(source.warnings ?? []), ...storedForm]) logger.warn(warning);
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
    close: () => Promise.all([opened.close(), given === undefined ? replay?.close() : undefined, cache?.close()]).then(() => undefined),
  };
}

function checkColumns(config: ApiEndpointConfig, source: Source): void {
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

function warnAuth(config: ApiEndpointConfig, logger: pino.Logger): void {
  if (!config.auth.enabled) {
    logger.warn('auth.enabled is false: requests are NOT verified (helpdesk API 암호화 여부 = 아니오); anyone who can reach the endpoint can look customers up');
  } else if (config.auth.keys.some((k) => k.length < 16)) {
    logger.warn('an auth key is shorter than 16 characters; the helpdesk generates 24-character keys');
  }
}
