import type { SchemeOption } from '../../protocol/types.js';
import type { NormalizeSpec } from '../pipeline/normalize.js';

/** A built-in mask, or keep the first/last characters and star the rest. */
export type MaskSpec = 'phone' | 'email' | 'name' | { keepFirst: number; keepLast: number };

/** One lookup item (조회 항목) the helpdesk sends. An empty string counts as absent. */
export interface LookupItemConfig {
  required: boolean;
  maxLength: number;
  /** A JavaScript regular expression the whole value is tested against. */
  pattern?: string;
  /** The only values accepted, compared exactly. */
  values?: string[];
  /** Brought to the stored form before `values` and `pattern` are checked (see `compileNormalize`). */
  normalize?: NormalizeSpec;
}

/** One result item (결과 항목): the column it comes from and how it is masked. */
export interface ResultItemConfig {
  column: string;
  mask?: MaskSpec;
}

export interface SqliteSourceConfig {
  type: 'sqlite';
  /** Absolute once parsed (relative paths resolve against the config file's directory). */
  file: string;
  /** One SELECT with named parameters (`:callNum`), each a lookup item. */
  query: string;
  /** `true`: several matching rows are a 400 instead of "the first row". */
  unique: boolean;
}

/** PostgreSQL (`pg`) or MySQL/MariaDB (`mysql2`): a connection pool and one parameterised query. */
export interface SqlServerSourceConfig {
  type: 'postgres' | 'mysql';
  /** A connection URL, e.g. `postgres://app@db.internal:5432/crm`; keep the password in `${ENV}`. */
  url: string;
  /** One SELECT with named parameters (`:callNum`), each a lookup item. */
  query: string;
  unique: boolean;
  /** Most connections the pool holds open (default 10). */
  poolSize: number;
}

/** An upstream HTTP API that already answers customer lookups (an internal member service). */
export interface HttpSourceConfig {
  type: 'http';
  /** `{item}` placeholders are replaced by the lookup item's value, percent-encoded. */
  url: string;
  /** `GET`, or `POST` with the lookup items as a JSON object body. */
  method: 'GET' | 'POST';
  /** Sent with every upstream request (e.g. `authorization: Bearer ${MEMBER_API_TOKEN}`). */
  headers: Record<string, string>;
  /** Dot path to the row(s) in the JSON answer (`data.customer`); `''` is the whole body. */
  rows: string;
  /** Upstream statuses that mean "no such customer" rather than a failure (default `[404]`). */
  notFoundStatus: number[];
  unique: boolean;
}

/** The lookup is code: `createEndpoint(config, { source: functionSource(fn) })`; `serve` refuses it. */
export interface FunctionSourceConfig {
  type: 'function';
  unique: boolean;
}

export type SourceConfig = SqliteSourceConfig | SqlServerSourceConfig | HttpSourceConfig | FunctionSourceConfig;

/** A validated config with every default filled in and every file path absolute. */
export interface EndpointConfig {
  listen: {
    host: string;
    port: number;
    /** The API path; everything else is 404 (or an ops path). */
    path: string;
    tls?: { cert: string; key: string; ca?: string };
    /** `false`: the socket address; `true` or N: the address N proxies back in X-Forwarded-For. */
    trustProxy: boolean | number;
  };
  auth: {
    enabled: boolean;
    keys: string[];
    scheme: SchemeOption;
    toleranceMs: number;
    /** Refuse a signature seen before (403 `REPLAYED`); absent: the protocol's window only. */
    replay?: { store: 'memory' | 'redis'; url?: string; maxEntries: number };
  };
  /** CIDR blocks or single addresses; absent means every address. */
  allowIps?: string[];
  lookup: Record<string, LookupItemConfig>;
  source: SourceConfig;
  result: Record<string, ResultItemConfig>;
  /** A short cache of answers (see the schema's `cache`); absent: every lookup reaches the source. */
  cache?: { ttlMs: number; maxEntries: number; store: 'memory' | 'redis'; url?: string; cacheMisses: boolean };
  /** Who may read `/healthz`, `/readyz` and `/metrics` (default: `PRIVATE_NETWORKS`). */
  ops: { allowIps: string[] };
  limits: {
    bodyBytes: number;
    sourceTimeoutMs: number;
    /** The request line and headers must arrive within this (else 408 and the connection closes). */
    headersTimeoutMs: number;
    /** The body gets this much more: the whole request within `headersTimeoutMs + bodyTimeoutMs`. */
    bodyTimeoutMs: number;
    /** Open connections per process; one more is closed as soon as it is accepted. */
    maxConnections: number;
    /** On stop, a keep-alive connection idle this long is closed; a request sent before is answered. */
    drainIdleMs: number;
  };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
}

/**
 * The default `ops.allowIps`: loopback and the private ranges, where probes and Prometheus run.
 * The endpoint faces the helpdesk over the internet; its traffic counts and source health do not.
 */
export const PRIVATE_NETWORKS: readonly string[] = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'];
