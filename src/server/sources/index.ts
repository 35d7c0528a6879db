import type { EndpointConfig } from '../config/types.js';
import type { Source } from '../types.js';
import { openSqliteSource } from './sqlite.js';

/**
 * Opens the source the config names. Rejects with a `ConfigError` when it cannot be opened or its
 * query is refused, so a broken config never starts serving.
 *
 * @example
 * const source = await openSource(config);
 */
export async function openSource(config: EndpointConfig): Promise<Source> {
  const source = config.source;
  switch (source.type) {
    case 'sqlite':
      return openSqliteSource(source, config.limits.sourceTimeoutMs);
    case 'postgres':
    case 'mysql':
    case 'http':
      throw new Error(`source type ${source.type} is not built yet`);
  }
}
