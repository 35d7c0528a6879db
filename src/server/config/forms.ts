import type { z } from 'zod';
import type { ConfigIssue } from './error.js';
import { apiSchema, type configSchema } from './schema.js';
import { SINGLE_API_NAME } from './constants.js';
import type { EndpointConfig } from './types.js';

/* A config comes in two forms: one API with its keys at the top level (`listen.path`, `auth`,
 * `source`, ...), or several under `apis`. Everything past parsing reads only the `apis` form. */

/**
 * With `apis`, what belongs to an API is refused at the top level rather than silently ignored.
 *
 * @example
 * const issues: ConfigIssue[] = [];
 * checkSeveralForm({ source: { type: 'sqlite' }, apis: [] }, issues);
 * issues // [{ path: 'source', message: 'belongs in each apis entry when apis is set' }]
 */
export function checkSeveralForm(value: Record<string, unknown>, issues: ConfigIssue[]): void {
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

/**
 * Both forms as one: the single-API form is one API named `default` at `listen.path`.
 *
 * @example
 * normalizeForms(singleApiSchema.parse(value)).apis[0]?.name // 'default'
 */
export function normalizeForms(parsed: z.output<typeof configSchema>): EndpointConfig {
  const { listen, auth, lookup, source, result, apis, ...shared } = parsed;
  const { path, ...socket } = listen;
  const one = auth && lookup && source && result ? [{ name: SINGLE_API_NAME, path, auth, lookup, source, result }] : [];
  return { ...shared, listen: socket, apis: apis ?? one };
}
