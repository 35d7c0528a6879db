import { formatPath, type ConfigIssue } from './error.js';

const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string of a parsed YAML value with the environment variable, so
 * keys never have to be written into the file. `$${NAME}` stays a literal `${NAME}`. An unset
 * variable is an issue naming it and the key path; the value itself is never echoed.
 *
 * @example
 * substituteEnv({ auth: { keys: ['${CUSTLINK_KEY}'] } }, { CUSTLINK_KEY: 'k' }, issues)
 * // { auth: { keys: ['k'] } }
 */
export function substituteEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  issues: ConfigIssue[],
  path: PropertyKey[] = [],
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    return value.replace(VARIABLE, (match: string, name: string | undefined) => {
      if (name === undefined) return '${';
      const replacement = Object.hasOwn(env, name) ? env[name] : undefined;
      if (replacement === undefined) {
        issues.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
        return match;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, env, issues, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    // A null prototype keeps a "__proto__" key plain data; it is refused here, since the schema
    // would otherwise drop it without a word.
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') issues.push({ path: formatPath([...path, key]), message: 'this name is reserved' });
      out[key] = substituteEnv(item, env, issues, [...path, key]);
    }
    return out;
  }
  return value;
}
