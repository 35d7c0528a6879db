import type { SchemeOption } from '../../protocol/types.js';

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

export type SourceConfig = SqliteSourceConfig;

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
  };
  /** CIDR blocks or single addresses; absent means every address. */
  allowIps?: string[];
  lookup: Record<string, LookupItemConfig>;
  source: SourceConfig;
  result: Record<string, ResultItemConfig>;
  limits: { bodyBytes: number; sourceTimeoutMs: number };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
}

/** The paths the endpoint answers outside the API path. */
export const OPS_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics'];
