import { CustlinkError } from '../../protocol/errors.js';

/** One thing wrong with a config: where (`auth.keys[0]`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A config that cannot be used. The message names the file, the key path and what is wrong, one
 * line per issue, so `custlink serve` can print it as is and exit 2 without starting.
 *
 * @example
 * try { loadConfigFile('custlink.yaml') } catch (e) { if (e instanceof ConfigError) console.error(e.message) }
 * // custlink.yaml: auth.keys[0]: environment variable CUSTLINK_KEY is not set
 */
export class ConfigError extends CustlinkError {
  readonly issues: readonly ConfigIssue[];
  readonly file: string | undefined;
  constructor(issues: readonly ConfigIssue[], file?: string, options?: { cause?: unknown }) {
    const where = file ?? 'config';
    const lines = issues.map((i) => (i.path ? `${where}: ${i.path}: ${i.message}` : `${where}: ${i.message}`));
    super('CUSTLINK_CONFIG', lines.join('\n'), options);
    this.name = 'ConfigError';
    this.issues = issues;
    this.file = file;
  }
}

/**
 * A key path as a user reads it in YAML: `auth.keys[0]`, `lookup.callNum.pattern`.
 *
 * @example
 * formatPath(['auth', 'keys', 0]) // 'auth.keys[0]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
