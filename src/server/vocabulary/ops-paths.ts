/**
 * The paths the endpoint answers beside its API path(s), for probes and Prometheus
 * (`ops.allowIps`). Listed once: the router, the Fastify routes and the config check read it.
 */
export const OPS_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics'];
