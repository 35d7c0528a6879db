import type { ConfigIssue } from './error.js';
import { sqlParameters } from '../vocabulary/sql-params.js';
import { urlPlaceholders } from '../vocabulary/url-params.js';
import { OPS_PATHS } from '../vocabulary/ops-paths.js';
import type { ApiConfig } from './types.js';

/**
 * The checks that span keys, once every key is valid on its own: paths and names unique, no ops
 * path, and each API's source reading only its own lookup items. Issues name the key where it is
 * in the file: `apis[1].source.query` in the `apis` form, `source.query` in the single-API form.
 *
 * @example
 * const issues: ConfigIssue[] = [];
 * checkApis(config.apis, Object.hasOwn(raw, 'apis'), issues);
 * if (issues.length > 0) throw new ConfigError(issues, file);
 */
export function checkApis(apis: readonly ApiConfig[], several: boolean, issues: ConfigIssue[]): void {
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
