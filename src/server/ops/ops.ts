import type pino from 'pino';
import type { ClusterView } from '../vocabulary/cluster.js';
import { createIpAllow } from './ip-allow.js';
import type { EndpointMetrics } from './metrics.js';
import type { ReplayStore } from '../replay/types.js';
import { jsonResponse, Refusal } from '../vocabulary/responses.js';
import { loggableError } from '../vocabulary/loggable-error.js';
import type { EndpointResponse, Source } from '../types.js';

const IP_NOT_ALLOWED = new Refusal('IP_NOT_ALLOWED', 'the client address is not allowed (ops.allowIps)');
const METHOD_NOT_ALLOWED = new Refusal('METHOD_NOT_ALLOWED', 'only GET is allowed', { allow: 'GET, HEAD' });

/**
 * The operations paths, outside the API path: `GET /healthz` (the process is alive), `GET
 * /readyz` (the source, and the replay store if any, answer within the source timeout; 503
 * otherwise) and `GET /metrics` (Prometheus text), for the addresses in `ops.allowIps` only
 * (403 for others). The endpoint's router calls it for `OPS_PATHS` only. In a `serve --workers`
 * worker, `cluster` answers both for every worker.
 *
 * @example
 * const ops = createOps(readiness(source, undefined, 2000), metrics, logger, { allowIps: ['10.0.0.0/8'] });
 * (await ops('GET', '/readyz', '10.0.0.7'))?.status // 200 or 503
 */
export function createOps(
  ready: () => Promise<void>,
  metrics: EndpointMetrics,
  logger: pino.Logger,
  options: { allowIps: readonly string[]; cluster?: ClusterView | undefined },
): (method: string, path: string, ip: string | undefined) => Promise<EndpointResponse> {
  const { cluster } = options;
  const allowed = createIpAllow(options.allowIps);
  return async (method, path, ip) => {
    if (!allowed(ip)) return IP_NOT_ALLOWED.response;
    if (method !== 'GET' && method !== 'HEAD') return METHOD_NOT_ALLOWED.response;
    if (path === '/healthz') return jsonResponse(200, { status: 'ok' });
    if (path === '/metrics') {
      try {
        return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await (cluster?.metrics() ?? metrics.registry.metrics()) };
      } catch (error) {
        // A partial sum would read as a counter reset; a failed scrape is a gap Prometheus shows as one.
        logger.warn({ err: error }, 'metrics unavailable');
        return jsonResponse(503, { status: 'unavailable' });
      }
    }
    try {
      await (cluster?.ready() ?? ready());
      return jsonResponse(200, { status: 'ready' });
    } catch (error) {
      logger.warn({ err: loggableError(error) }, 'readiness check failed');
      return jsonResponse(503, { status: 'unavailable' });
    }
  };
}

/**
 * This process's readiness: the source, and the replay store if any, answer within `timeoutMs`.
 *
 * @example
 * const ready = readiness(source, replay, config.limits.sourceTimeoutMs);
 * await ready(); // rejects when either does not answer in time
 */
export function readiness(source: Source, replay: ReplayStore | undefined, timeoutMs: number): () => Promise<void> {
  return () => within(Promise.all([source.ready(), replay?.ready()]).then(() => undefined), timeoutMs);
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the source did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
