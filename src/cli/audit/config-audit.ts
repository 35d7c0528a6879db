/**
 * What `custlink audit search` needs from custlink.yaml: `audit.key` and a lookup item's
 * `normalize`. Read from the raw YAML (with `${ENV}` and `${file:}` substituted) rather than the
 * validated config, so that a search works with a config whose sources are not reachable here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { substituteEnv } from '../../server/config/env.js';
import type { ConfigIssue } from '../../server/config/error.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../../server/vocabulary/normalize-specs.js';
import { UsageError } from '../command.js';

/** The audit settings a config gives. */
export interface ConfigAudit {
  key?: string;
  /** `normalize` of each lookup item name, over every API (`null`: the item has none). */
  normalize: Map<string, NormalizeSpec | null>;
}

/**
 * Reads `audit.key` and the lookup items' `normalize` from a config file.
 *
 * @example
 * readConfigAudit('custlink.yaml', process.env).key
 */
export function readConfigAudit(path: string, env: Readonly<Record<string, string | undefined>>): ConfigAudit {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--config ${path}: ${code === 'ENOENT' ? 'file not found' : code !== undefined ? `cannot read it (${code})` : 'not valid YAML'}`);
  }
  const issues: ConfigIssue[] = [];
  const value = substituteEnv(raw, { env, base: dirname(resolve(path)) }, issues) as Record<string, unknown> | null;
  const normalize = new Map<string, NormalizeSpec | null>();
  const addLookup = (lookup: unknown): void => {
    if (typeof lookup !== 'object' || lookup === null) return;
    for (const [name, item] of Object.entries(lookup)) {
      const spec = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).normalize : undefined;
      const known = typeof spec === 'string' && (NORMALIZE_SPECS as readonly string[]).includes(spec) ? (spec as NormalizeSpec) : null;
      if (!normalize.has(name) || normalize.get(name) === null) normalize.set(name, known);
    }
  };
  addLookup(value?.lookup);
  const apis = value?.apis;
  for (const api of Array.isArray(apis) ? apis : typeof apis === 'object' && apis !== null ? Object.values(apis) : []) {
    if (typeof api === 'object' && api !== null) addLookup((api as Record<string, unknown>).lookup);
  }
  const audit = value?.audit;
  const key = typeof audit === 'object' && audit !== null ? (audit as Record<string, unknown>).key : undefined;
  const keyIssue = issues.find((i) => i.path.startsWith('audit'));
  if (keyIssue) throw new UsageError(`--config ${path}: ${keyIssue.path}: ${keyIssue.message}`);
  return { key: typeof key === 'string' && key !== '' ? key : undefined, normalize };
}
