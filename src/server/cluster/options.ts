import { ConfigError } from '../config/error.js';
import { apiKeyPrefix } from '../config/apis.js';
import type { EndpointConfig } from '../config/types.js';

/**
 * What a config cannot do across several `serve --workers` processes: remember signatures in
 * memory, since each worker would keep its own and accept a request another already answered.
 *
 * @example
 * checkWorkers(config, 4); // throws a ConfigError naming auth.replay.store when it is memory
 */
export function checkWorkers(config: EndpointConfig, workers: number): void {
  if (workers <= 1) return;
  const issues = config.apis.flatMap((api, i) =>
    api.auth.replay?.store === 'memory'
      ? [
          {
            path: `${apiKeyPrefix(config, i)}auth.replay.store`,
            message: `memory is one process's memory; with --workers ${workers} each worker would accept a request another already answered. Use store: redis (with url), shared by every worker and instance, or --workers 1`,
          },
        ]
      : [],
  );
  if (issues.length > 0) throw new ConfigError(issues);
}
