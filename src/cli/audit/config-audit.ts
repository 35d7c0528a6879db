/**
 * What `custlink audit verify|review|search --config` take from custlink.yaml, through the same
 * loader and validation as `serve` (so `${ENV}`, `${file:}` and every check apply): where the
 * records are (`audit.dir` or `audit.postgres`), the audit key, the working hours, and each
 * lookup item's `normalize`. The sources are not opened.
 */
import { ConfigError } from '../../server/config/error.js';
import { loadConfigFile } from '../../server/config/load-file.js';
import type { NormalizeSpec } from '../../server/vocabulary/normalize-specs.js';
import { UsageError } from '../command.js';

/** The audit settings a config gives. */
export interface ConfigAudit {
  dir: string;
  postgres?: { url: string; table: string };
  key: string;
  /** `audit.workingHours`, parsed. */
  hours?: { start: number; end: number };
  /** `normalize` of each lookup item name, over every API (`null`: the item has none). */
  normalize: Map<string, NormalizeSpec | null>;
}

/**
 * The validated `audit` block and lookup items of a config file. A config that `serve` would
 * refuse, or one without `audit`, is a `UsageError` saying why.
 *
 * @example
 * readConfigAudit('custlink.yaml', process.env).key
 */
export function readConfigAudit(path: string, env: Readonly<Record<string, string | undefined>>): ConfigAudit {
  let config;
  try {
    config = loadConfigFile(path, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--config ${error.message}`);
    throw error;
  }
  const { audit } = config;
  if (audit === undefined) throw new UsageError(`--config ${path} has no audit block: nothing is recorded with it (docs/audit.md)`);
  const normalize = new Map<string, NormalizeSpec | null>();
  for (const api of config.apis) {
    for (const [name, item] of Object.entries(api.lookup)) {
      if (!normalize.has(name) || normalize.get(name) === null) normalize.set(name, item.normalize ?? null);
    }
  }
  const hours = audit.workingHours?.split('-').map(Number) as [number, number] | undefined;
  return {
    dir: audit.dir,
    ...(audit.postgres === undefined ? {} : { postgres: audit.postgres }),
    key: audit.key,
    ...(hours === undefined ? {} : { hours: { start: hours[0], end: hours[1] } }),
    normalize,
  };
}
