import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPath, type ConfigIssue } from './error.js';

// A `${file:...}` path may itself name variables: `${file:${CREDENTIALS_DIRECTORY}/custlink.key}`.
const VARIABLE = /\$\$\{|\$\{(?:file:((?:\$\{[A-Za-z_][A-Za-z0-9_]*\}|[^}])+)|([A-Za-z_][A-Za-z0-9_]*))\}/g;
const NAME = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The largest `${file:...}` read: a key or a password, never a file that could exhaust memory (`/dev/zero`). */
const SECRET_FILE_LIMIT = 64 * 1024;

/** Where `${...}` values come from. */
export interface Substitution {
  env: Readonly<Record<string, string | undefined>>;
  /** Relative `${file:PATH}` paths resolve against this directory (the config file's). */
  base: string;
  /** Gets a line for each `${file:...}` that others than its owner may read or write. */
  warnings?: string[];
}

/**
 * Replaces `${NAME}` in every string of a parsed YAML value with the environment variable, and
 * `${file:PATH}` with the file's text less its final line break, so keys and passwords never
 * have to be written into the config. A file is read at every load, so a SIGHUP reload picks up
 * a rotated key written there (a variable keeps the value the process started with): this is
 * how Docker and Kubernetes secrets and systemd credentials arrive; the path may name variables
 * (`${file:${CREDENTIALS_DIRECTORY}/custlink.key}`). `$${...}` stays literal. An unset variable,
 * an unreadable file or one over `SECRET_FILE_LIMIT` is an issue naming it and the key path; the
 * value itself is never echoed. A file group or others may read or write is a warning.
 *
 * @example
 * substituteEnv({ auth: { keys: ['${CUSTLINK_KEY}', '${file:next.key}'] } }, { env: { CUSTLINK_KEY: 'k' }, base: '/etc/custlink' }, issues)
 * // { auth: { keys: ['k', '<the text of /etc/custlink/next.key>'] } }
 */
export function substituteEnv(value: unknown, from: Substitution, issues: ConfigIssue[], path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    return value.replace(VARIABLE, (match: string, file: string | undefined, name: string | undefined) => {
      if (file !== undefined) {
        const named = substituteNames(file.trim(), from, path, issues);
        return named === undefined ? match : readSecret(resolve(from.base, named), match, path, issues, from.warnings);
      }
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

function substituteNames(text: string, from: Substitution, path: PropertyKey[], issues: ConfigIssue[]): string | undefined {
  let unset = false;
  const out = text.replace(NAME, (_match: string, name: string) => {
    const value = Object.hasOwn(from.env, name) ? from.env[name] : undefined;
    if (value === undefined) {
      issues.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
      unset = true;
      return '';
    }
    return value;
  });
  return unset ? undefined : out;
}

function readSecret(file: string, match: string, path: PropertyKey[], issues: ConfigIssue[], warnings: string[] | undefined): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    issues.push({ path: formatPath(path), message: `cannot read ${file} for \${file:...} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return match;
  }
  try {
    const stat = fstatSync(fd);
    const tooLarge = { path: formatPath(path), message: `${file} is larger than ${SECRET_FILE_LIMIT / 1024} KiB, the limit for \${file:...} (a key or a password)` };
    if (stat.isFile() && stat.size > SECRET_FILE_LIMIT) {
      issues.push(tooLarge);
      return match;
    }
    // Bounded even when the size says nothing: a device (/dev/zero) or a pipe reports 0.
    const buffer = Buffer.alloc(SECRET_FILE_LIMIT + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > SECRET_FILE_LIMIT) {
      issues.push(tooLarge);
      return match;
    }
    if (stat.isFile() && (stat.mode & 0o077) !== 0) {
      warnings?.push(`${file} (\${file:...} at ${formatPath(path)}) can be read or written by others than its owner (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 ${file}`);
    }
    // `echo key > file` and editors end the file with a line break that is not part of the key.
    return buffer.toString('utf8', 0, length).replace(/\r?\n$/, '');
  } catch (error) {
    issues.push({ path: formatPath(path), message: `cannot read ${file} for \${file:...} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return match;
  } finally {
    closeSync(fd);
  }
}
