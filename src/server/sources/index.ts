import { ConfigError } from '../config/error.js';
import type { ApiEndpointConfig } from '../config/types.js';
import type { Source } from '../types.js';
import { openHttpSource } from './http.js';
import { openSqlServerSource } from './sql-server.js';
import { openSqliteSource } from './sqlite/source.js';

/**
 * Opens the source the config names. Rejects with a `ConfigError` when it cannot be opened or its
 * query is refused, so a broken config never starts serving.
 *
 * @example
 * const source = await openSource(config);
 */
export async function openSource(config: ApiEndpointConfig): Promise<Source> {
  const source = config.source;
  switch (source.type) {
    case 'sqlite':
      return openSqliteSource(source, config.limits.sourceTimeoutMs);
    // The SQL server drivers load only when used: a SQLite endpoint starts without them.
    case 'postgres':
      return openSqlServerSource(source, config.limits.sourceTimeoutMs, (await import('./postgres.js')).postgresDriver);
    case 'mysql':
      return openSqlServerSource(source, config.limits.sourceTimeoutMs, (await import('./mysql.js')).mysqlDriver);
    case 'http':
      return openHttpSource(source, { timeoutMs: config.limits.sourceTimeoutMs });
    case 'function':
      throw new ConfigError([{ path: 'source.type', message: FUNCTION_ONLY_IN_CODE }]);
  }
}

const FUNCTION_ONLY_IN_CODE =
  'function: the lookup is your code, passed as createEndpoint(config, { source: functionSource(fn) }); ' +
  'custlink serve needs sqlite, postgres, mysql or http';
