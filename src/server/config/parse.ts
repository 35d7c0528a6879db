import { dirname, resolve } from 'node:path';
import { checkApis } from './api-checks.js';
import { substituteEnv } from './env.js';
import { ConfigError, type ConfigIssue } from './error.js';
import { checkSeveralForm, normalizeForms } from './forms.js';
import { friendlyError, toIssues } from './issues.js';
import { configSchema, singleApiSchema } from './schema.js';
import type { EndpointConfig } from './types.js';

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
  // Stops after each stage that found something: the next would stand on what is already wrong.
  const warnings: string[] = [];
  const substituted = substituteEnv(value, { env: options.env ?? process.env, base, warnings }, issues);
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
  resolveFiles(config, base);
  if (warnings.length > 0) loadWarnings.set(config, warnings);
  return config;
}

// Beside the config rather than in it: the schema's type is what the file may say, and these are about the files it named.
const loadWarnings = new WeakMap<EndpointConfig, readonly string[]>();

/**
 * What `parseConfig` noticed while reading the config that does not stop it: a `${file:...}`
 * secret others than its owner may read or write. `createEndpoint` logs these at start, so
 * `serve` and `serve --check` show them.
 *
 * @example
 * for (const warning of configWarnings(config)) logger.warn(warning);
 */
export function configWarnings(config: EndpointConfig): readonly string[] {
  return loadWarnings.get(config) ?? [];
}

/** The files a config names, made absolute: a relative path means beside the config file, not the process's cwd. */
function resolveFiles(config: EndpointConfig, base: string): void {
  for (const api of config.apis) if (api.source.type === 'sqlite') api.source.file = resolve(base, api.source.file);
  if (config.audit !== undefined) config.audit.dir = resolve(base, config.audit.dir);
  const tls = config.listen.tls;
  if (tls) {
    tls.cert = resolve(base, tls.cert);
    tls.key = resolve(base, tls.key);
    if (tls.ca !== undefined) tls.ca = resolve(base, tls.ca);
  }
}
