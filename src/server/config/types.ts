import type { z } from 'zod';
import type { configSchema } from './schema.js';

// Every type here is read off the schema (schema.ts), where each key's default and meaning live.

/** A validated config with every default filled in and every file path absolute (`parseConfig`). */
export type EndpointConfig = z.output<typeof configSchema>;

/** One lookup item (조회 항목) the helpdesk sends. An empty string counts as absent. */
export type LookupItemConfig = EndpointConfig['lookup'][string];

/** One result item (결과 항목): the column it comes from and how it is masked. */
export type ResultItemConfig = EndpointConfig['result'][string];

/** A built-in mask, or keep the first/last characters and star the rest. */
export type MaskSpec = NonNullable<ResultItemConfig['mask']>;

export type SourceConfig = EndpointConfig['source'];
export type SqliteSourceConfig = Extract<SourceConfig, { type: 'sqlite' }>;
/** PostgreSQL (`pg`) or MySQL/MariaDB (`mysql2`): a connection pool and one parameterised query. */
export type SqlServerSourceConfig = Extract<SourceConfig, { type: 'postgres' | 'mysql' }>;
/** An upstream HTTP API that already answers customer lookups (an internal member service). */
export type HttpSourceConfig = Extract<SourceConfig, { type: 'http' }>;
/** The lookup is code: `createEndpoint(config, { source: functionSource(fn) })`; `serve` refuses it. */
export type FunctionSourceConfig = Extract<SourceConfig, { type: 'function' }>;

export { PRIVATE_NETWORKS } from './constants.js';
