import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type pino from 'pino';
import { localDay, parseAuditFileName } from './format.js';

/**
 * Deletes the audit files of every writer in `dir` whose day (from the name) is more than
 * `keepDays` days before `now`'s local day, and logs each at info. A file of the cutoff day or
 * younger is never deleted, nor any file whose name is not an audit file's. Never throws: a
 * file that cannot be deleted is logged at warn and tried again next time.
 *
 * @example
 * removeExpired('/var/lib/custlink/audit', 365, new Date(), logger) // ['audit-2025-12-06.crm1.jsonl']
 */
export function removeExpired(dir: string, keepDays: number, now: Date, logger: pino.Logger): string[] {
  const cutoff = new Date(now.getFullYear(), now.getMonth(), now.getDate() - keepDays);
  const oldestKept = localDay(cutoff);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    logger.warn({ dir, code: (error as NodeJS.ErrnoException).code }, 'audit retention: cannot list the directory');
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const parsed = parseAuditFileName(name);
    // Day strings compare in date order: YYYY-MM-DD.
    if (parsed === undefined || parsed.day >= oldestKept) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
      logger.info({ file: name, keepDays }, 'audit retention: removed a file older than keepDays');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another worker of the same directory removed it first.
      if (code !== 'ENOENT') logger.warn({ file: name, code }, 'audit retention: cannot remove a file');
    }
  }
  return removed;
}
