import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPath, type ConfigIssue } from './error.js';

const VARIABLE = /\$\$\{|\$\{(?:file:([^}]+)|([A-Za-z_][A-Za-z0-9_]*))\}/g;

/** Where `${...}` values come from. */
export interface Substitution {
  env: Readonly<Record<string, string | undefined>>;
  /** Relative `${file:PATH}` paths resolve against this directory (the config file's). */
  base: string;
}

/**
 * Replaces `${NAME}` in every string of a parsed YAML value with the environment variable, and
 * `${file:PATH}` with the file's text less its final line break, so keys and passwords never
 * have to be written into the config. A file is read at every load, so a SIGHUP reload picks up
 * a rotated key written there (a variable keeps the value the process started with): this is
 * how Docker and Kubernetes secrets and systemd credentials arrive. `$${...}` stays literal. An
 * unset variable or an unreadable file is an issue naming it and the key path; the value itself
 * is never echoed.
 *
 * @example
 * substituteEnv({ auth: { keys: ['${CUSTLINK_KEY}', '${file:next.key}'] } }, { env: { CUSTLINK_KEY: 'k' }, base: '/etc/custlink' }, issues)
 * // { auth: { keys: ['k', '<the text of /etc/custlink/next.key>'] } }
 */
export function substituteEnv(value: unknown, from: Substitution, issues: ConfigIssue[], path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    return value.replace(VARIABLE, (match: string, file: string | undefined, name: string | undefined) => {
      if (file !== undefined) return readSecret(resolve(from.base, file.trim()), match, path, issues);
      if (name === undefined) return '${';
      const replacement = Object.hasOwn(from.env, name) ? from.env[name] : undefined;
      if (replacement === undefined) {
        issues.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
        return match;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, from, issues, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    // A null prototype keeps a "__proto__" key plain data; it is refused here, since the schema
    // would otherwise drop it without a word.
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') issues.push({ path: formatPath([...path, key]), message: 'this name is reserved' });
      out[key] = substituteEnv(item, from, issues, [...path, key]);
    }
    return out;
  }
  return value;
}

function readSecret(file: string, match: string, path: PropertyKey[], issues: ConfigIssue[]): string {
  try {
    // `echo key > file` and editors end the file with a line break that is not part of the key.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    issues.push({ path: formatPath(path), message: `cannot read ${file} for \${file:...} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return match;
  }
}
