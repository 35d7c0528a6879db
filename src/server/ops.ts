import type pino from 'pino';
import type { EndpointMetrics } from './metrics.js';
import { jsonResponse } from './responses.js';
import type { EndpointResponse, Source } from './types.js';

/**
 * The operations paths, outside the API path: `GET /healthz` (the process is alive), `GET
 * /readyz` (the source answers within the source timeout; 503 otherwise) and `GET /metrics`
 * (Prometheus text). Resolves to `undefined` for any other path, so the caller hands the request
 * to the API pipeline.
 *
 * @example
 * const ops = createOps(source, metrics, logger, 2000);
 * (await ops('GET', '/readyz'))?.status // 200 or 503
 */
export function createOps(
  source: Source,
  metrics: EndpointMetrics,
  logger: pino.Logger,
  timeoutMs: number,
): (method: string, path: string) => Promise<EndpointResponse | undefined> {
  const allow = { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD' };
  return async (method, path) => {
    if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') return undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      return { status: 405, headers: { ...allow }, body: JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'only GET is allowed', detail: null } }) };
    }
    if (path === '/healthz') return jsonResponse(200, { status: 'ok' });
    if (path === '/metrics') {
      return { status: 200, headers: { 'content-type': metrics.registry.contentType }, body: await metrics.registry.metrics() };
    }
    try {
      await within(source.ready(), timeoutMs);
      return jsonResponse(200, { status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      return jsonResponse(503, { status: 'unavailable' });
    }
  };
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the source did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
