import type { z } from 'zod';
import type { apiSchema, configSchema } from './schema.js';

// Every type here is read off the schema (schema.ts), where each key's default and meaning live.

type ConfigFile = z.output<typeof configSchema>;

/** One API (`apis` entry): its name, path, and its own auth, lookup items, source and result. */
export type ApiConfig = z.output<typeof apiSchema>;

/**
 * A validated config with every default filled in and every file path absolute (`parseConfig`),
 * both forms as one: the single-API form is the one API of `apis`, named `default`, at `listen.path`.
 */
export type EndpointConfig = Omit<ConfigFile, 'listen' | 'apis' | keyof ApiConfig> & {
  listen: Omit<ConfigFile['listen'], 'path'>;
  apis: ApiConfig[];
};

/** What one API's pipeline, source and replay store read: the shared keys and that API's own. */
export type ApiEndpointConfig = Omit<EndpointConfig, 'apis'> & ApiConfig;

/** One lookup item (조회 항목) the helpdesk sends. An empty string counts as absent. */
export type LookupItemConfig = ApiConfig['lookup'][string];

/** One result item (결과 항목): the column it comes from and how it is masked. */
export type ResultItemConfig = ApiConfig['result'][string];

/** A built-in mask, or keep the first/last characters and star the rest. */
export type MaskSpec = NonNullable<ResultItemConfig['mask']>;

export type SourceConfig = ApiConfig['source'];
export type SqliteSourceConfig = Extract<SourceConfig, { type: 'sqlite' }>;
/** PostgreSQL (`pg`) or MySQL/MariaDB (`mysql2`): a connection pool and one parameterised query. */
export type SqlServerSourceConfig = Extract<SourceConfig, { type: 'postgres' | 'mysql' }>;
/** An upstream HTTP API that already answers customer lookups (an internal member service). */
export type HttpSourceConfig = Extract<SourceConfig, { type: 'http' }>;
/** The lookup is code: `createEndpoint(config, { source: functionSource(fn) })`; `serve` refuses it. */
export type FunctionSourceConfig = Extract<SourceConfig, { type: 'function' }>;
