import { openApis } from './api/open.js';
import { acquireAuditWriter } from './audit/open.js';
import { ConfigError } from './config/error.js';
import { configWarnings } from './config/parse.js';
import type { EndpointConfig } from './config/types.js';
import type { Endpoint, EndpointOptions } from './endpoint-types.js';
import { isLoopback } from '../utils/loopback.js';
import { createIpAllow } from './ops/ip-allow.js';
import { createLogger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { createOps } from './ops/ops.js';
import { createPipeline } from './pipeline/pipeline.js';
import { clientIp } from './routing/client-ip.js';
import { requestId } from './routing/request-id.js';
import { createRouter } from './routing/router.js';

// Importers (transport, adapters, the public index) reach the contract here, beside what builds it.
export type { Endpoint, EndpointOptions } from './endpoint-types.js';

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
  for (const warning of configWarnings(config)) logger.warn(warning);
  if (config.listen.tls === undefined && !isLoopback(config.listen.host)) {
    logger.warn('listen.tls is not set: plain HTTP outside localhost; terminate TLS in front of custlink or set listen.tls');
  }
  if (config.allowIps === undefined && ['0.0.0.0', '::'].includes(config.listen.host)) {
    logger.warn(`listen.host is ${config.listen.host} and allowIps is not set: every address that reaches this port may call; list the helpdesk's addresses in allowIps`);
  }
  let audit;
  try {
    audit = config.audit === undefined ? undefined : acquireAuditWriter(config.audit, logger);
  } catch (error) {
    own?.flush();
    throw error;
  }
  const writer = audit?.writer;
  const metrics = createMetrics({ cache: config.cache !== undefined, ...(writer && { auditFailures: () => writer.failures }) });
  const ipAllowed = config.allowIps === undefined ? undefined : createIpAllow(config.allowIps);
  const apis = await openApis(config, options, { logger, metrics, ipAllowed, audit: writer }).catch((error: unknown) => {
    audit?.release();
    own?.flush();
    throw error;
  });
  const pipelines = new Map(apis.map((api) => [api.path, api.pipeline]));
  // A path of no API is refused by a pipeline too (after the address check), counted under no API.
  const noApi = createPipeline({ ...apis[0]!.parts, metrics: metrics.forApi(''), logger });
  const sources = (): Promise<void> => Promise.all(apis.map((api) => api.ready())).then(() => undefined);
  // Unready while records cannot be written: with onFailure refuse, every lookup would be a 500.
  const ready = writer === undefined ? sources : (): Promise<void> => (writer.failure === undefined ? sources() : Promise.reject(writer.failure));
  const ops = createOps(ready, metrics, logger, { allowIps: config.ops.allowIps, cluster: options.cluster });
  const route = createRouter([...pipelines.keys()]);
  const { trustProxy } = config.listen;
  let closed: Promise<void> | undefined;
  return {
    config,
    paths: route.paths,
    handle(request) {
      const reqId = requestId(request.headers['x-request-id']);
      const ip = clientIp(request.remoteAddress, request.headers['x-forwarded-for'], trustProxy);
      const path = route.configured(request.path);
      const to = path === undefined ? undefined : route(path);
      if (to === 'ops') {
        return ops(request.method, path!, ip).then((response) => {
          response.headers['x-request-id'] = reqId;
          return response;
        });
      }
      const pipeline = to === 'api' ? pipelines.get(path!) : undefined;
      return pipeline === undefined ? noApi(request, ip, false, reqId) : pipeline(request, ip, true, reqId);
    },
    ready,
    registry: metrics.registry,
    logger,
    close() {
      closed ??= Promise.all(apis.map((api) => api.close()))
        .then(() => audit?.release())
        .finally(() => own?.flush());
      return closed;
    },
  };
}
