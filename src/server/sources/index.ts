import type { EndpointConfig } from '../config/types.js';
import type { Source } from '../types.js';
import { openSqliteSource } from './sqlite.js';

/**
 * Opens the source the config names. Throws a `ConfigError` when it cannot be opened or its
 * query is refused, so a broken config never starts serving.
 *
 * @example
 * const source = openSource(config);
 */
export function openSource(config: EndpointConfig): Source {
  switch (config.source.type) {
    case 'sqlite':
      return openSqliteSource(config.source, config.limits.sourceTimeoutMs);
  }
}
