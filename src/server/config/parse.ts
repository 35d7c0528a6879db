import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { substituteEnv } from './env.js';
import { ConfigError, type ConfigIssue } from './error.js';
import { friendlyError, toIssues } from './issues.js';
import { apiSchema, configSchema, singleApiSchema } from './schema.js';
import { sqlParameters } from '../sources/sql-params.js';
import { urlPlaceholders } from '../sources/url-params.js';
import { OPS_PATHS } from '../ops/paths.js';
import { SINGLE_API_NAME } from './constants.js';
import type { ApiConfig, EndpointConfig } from './types.js';

export interface ParseConfigOptions {
  /** Named in error messages; relative file paths in the config resolve against its directory. */
  file?: string;
  /** For `${NAME}` substitution (default `process.env`); `${file:PATH}` reads the file. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Validates a config value (as parsed from YAML) and returns it with defaults filled in, `${ENV}`
 * and `${file:PATH}` substituted and file paths absolute. Throws a `ConfigError` listing every problem.
 *
 * @example
 * const config = parseConfig({
 *   auth: { keys: ['${CUSTLINK_KEY}'] },
 *   lookup: { callNum: { required: true } },
 *   source: { type: 'sqlite', file: 'demo.sqlite', query: 'SELECT name FROM customers WHERE phone = :callNum' },
 *   result: { userName: 'name' },
 * }, { env: { CUSTLINK_KEY: 'bf7769e5321448de88838cdb' } });
 */
export function parseConfig(value: unknown, options: ParseConfigOptions = {}): EndpointConfig {
  const { file } = options;
  const issues: ConfigIssue[] = [];
  const base = file === undefined ? process.cwd() : dirname(resolve(file));
  const substituted = substituteEnv(value, { env: options.env ?? process.env, base }, issues);
  if (issues.length > 0) throw new ConfigError(issues, file);
  if (typeof substituted !== 'object' || substituted === null || Array.isArray(substituted)) {
    throw new ConfigError([{ path: '', message: 'the config must be a mapping (listen, auth, lookup, source, result, ...)' }], file);
  }
  const several = Object.hasOwn(substituted, 'apis');
  if (several) checkSeveralForm(substituted as Record<string, unknown>, issues);
  const parsed = (several ? configSchema : singleApiSchema).safeParse(substituted, { error: friendlyError });
  if (!parsed.success) issues.push(...parsed.error.issues.flatMap(toIssues));
  if (issues.length > 0) throw new ConfigError(issues, file);
  const config = normalizeForms(parsed.data!);
  checkApis(config.apis, several, issues);
  if (issues.length > 0) throw new ConfigError(issues, file);
  for (const api of config.apis) if (api.source.type === 'sqlite') api.source.file = resolve(base, api.source.file);
  const tls = config.listen.tls;
  if (tls) {
    tls.cert = resolve(base, tls.cert);
    tls.key = resolve(base, tls.key);
    if (tls.ca !== undefined) tls.ca = resolve(base, tls.ca);
  }
  return config;
}

/** With `apis`, what belongs to an API is refused at the top level rather than silently ignored. */
function checkSeveralForm(value: Record<string, unknown>, issues: ConfigIssue[]): void {
  for (const key of Object.keys(apiSchema.shape)) {
    if (key !== 'name' && key !== 'path' && Object.hasOwn(value, key)) {
      issues.push({ path: key, message: 'belongs in each apis entry when apis is set' });
    }
  }
  const listen = value.listen;
  if (typeof listen === 'object' && listen !== null && Object.hasOwn(listen, 'path')) {
    issues.push({ path: 'listen.path', message: 'belongs to the single-API form; with apis, each entry has its own path' });
  }
}

/** Both forms as one: the single-API form is one API named `default` at `listen.path`. */
function normalizeForms(parsed: z.output<typeof configSchema>): EndpointConfig {
  const { listen, auth, lookup, source, result, apis, ...shared } = parsed;
  const { path, ...socket } = listen;
  const one = auth && lookup && source && result ? [{ name: SINGLE_API_NAME, path, auth, lookup, source, result }] : [];
  return { ...shared, listen: socket, apis: apis ?? one };
}

/**
 * Reads and validates a YAML config file; see `parseConfig`. A missing file or a YAML syntax
 * error is a `ConfigError` too (with the line and column).
 *
 * @example
 * const config = loadConfigFile('custlink.yaml');
 */
export function loadConfigFile(path: string, env: Readonly<Record<string, string | undefined>> = process.env): EndpointConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found (custlink init writes a starter config)' : `cannot read the file (${code ?? 'error'})`;
    throw new ConfigError([{ path: '', message: reason }], path, { cause: error });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) throw new ConfigError(doc.errors.map((e) => yamlIssue(e, lines)), path);
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new ConfigError([{ path: '', message: 'the file is empty' }], path);
  return parseConfig(value, { file: path, env });
}

/** A YAML syntax error as one line: where, then what (yaml's pretty form ends in a code excerpt). */
function yamlIssue(error: YAMLError, lines: LineCounter): ConfigIssue {
  const at = lines.linePos(error.pos[0]);
  const where = ` at line ${at.line}, column ${at.col}`;
  return { path: '', message: `YAML syntax error${where}: ${error.message.split('\n')[0]?.replace(/[:.]\s*$/, '')}` };
}

/** Paths and names unique, no ops path, and each API's source reading only its own lookup items. */
function checkApis(apis: readonly ApiConfig[], several: boolean, issues: ConfigIssue[]): void {
  const at = (i: number, key: string): string => (several ? `apis[${i}].${key}` : key === 'path' ? 'listen.path' : key);
  const seen = { path: new Map<string, number>(), name: new Map<string, number>() };
  apis.forEach((api, i) => {
    if (OPS_PATHS.includes(api.path)) {
      issues.push({ path: at(i, 'path'), message: `${api.path} is reserved for operations (${OPS_PATHS.join(', ')})` });
    }
    for (const key of ['path', 'name'] as const) {
      const first = seen[key].get(api[key]);
      if (first === undefined) seen[key].set(api[key], i);
      else issues.push({ path: at(i, key), message: `${JSON.stringify(api[key])} is also apis[${first}]'s ${key}; each API needs its own` });
    }
    checkSource(api, (key) => at(i, key), issues);
  });
}

function checkSource(config: ApiConfig, at: (key: string) => string, issues: ConfigIssue[]): void {
  const items = Object.keys(config.lookup);
  const source = config.source;
  if (source.type === 'function') return;
  if (source.type === 'http') {
    const names = urlPlaceholders(source.url);
    if (source.method === 'GET' && names.length === 0) {
      issues.push({ path: at('source.url'), message: `has no {item} placeholder; a GET must carry a lookup item, e.g. ?phone={${items[0]}}` });
    }
    for (const name of names) {
      if (!Object.hasOwn(config.lookup, name)) {
        issues.push({ path: at('source.url'), message: `uses {${name}}, which is not a lookup item (lookup items: ${items.join(', ')})` });
      }
    }
    return;
  }
  // PostgreSQL numbers its own parameters ($1): there `?` is an operator (jsonb `tags ? 'vip'`).
  const params = sqlParameters(source.query).filter((p) => p !== '?' || source.type !== 'postgres');
  if (params.filter((p) => p !== '?').length === 0) {
    issues.push({ path: at('source.query'), message: `has no named parameter; filter by a lookup item, e.g. :${items[0]}` });
  }
  for (const param of params) {
    if (param === '?') {
      issues.push({ path: at('source.query'), message: `uses a positional parameter "?"; name it after a lookup item, e.g. :${items[0]}` });
    } else if (!Object.hasOwn(config.lookup, param)) {
      issues.push({ path: at('source.query'), message: `uses :${param}, which is not a lookup item (lookup items: ${items.join(', ')})` });
    }
  }
}
