import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { packageVersion } from '../../utils/package-version.js';

let shared: Registry | undefined;

/**
 * The process's own metrics (prom-client's defaults: CPU, memory, event loop lag, GC, handles)
 * and `custlink_build_info{version}`, in one registry per process that every endpoint's registry
 * takes in. Made once: the defaults start an event-loop-delay monitor and a GC observer that are
 * never stopped, so registering them per endpoint (per reload) would pile those up.
 *
 * @example
 * const registry = Registry.merge([endpointRegistry, processRegistry()]);
 */
export function processRegistry(): Registry {
  if (shared !== undefined) return shared;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const info = new Gauge({
    name: 'custlink_build_info',
    help: 'The running custlink version (always 1)',
    labelNames: ['version'],
    registers: [registry],
    // Every worker of `serve --workers` runs the same build: the sum would say 2, 4, 16.
    aggregator: 'first',
  });
  info.set({ version: packageVersion() }, 1);
  shared = registry;
  return registry;
}
