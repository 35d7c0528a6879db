/** Reading the `lookup` lines of an audit directory, for review and search. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLine, type LookupRecord } from './format.js';
import { listAuditFiles } from './verify.js';

/** A lookup record and where it was read. */
export interface LocatedLookup {
  record: LookupRecord;
  file: string;
  line: number;
}

/**
 * Every readable `lookup` line of the files whose day is from `from` to `to` (inclusive,
 * `YYYY-MM-DD`), in time order. Lines that fail their own hash are left out: `verify` reports them.
 *
 * @example
 * readLookups('/var/lib/custlink/audit', { from: '2026-11-01', to: '2026-11-30' })
 */
export function readLookups(dir: string, range: { from?: string; to?: string } = {}): LocatedLookup[] {
  const out: LocatedLookup[] = [];
  for (const files of listAuditFiles(dir).values()) {
    for (const { file, day } of files) {
      if ((range.from !== undefined && day < range.from) || (range.to !== undefined && day > range.to)) continue;
      let text: string;
      try {
        text = readFileSync(join(dir, file), 'utf8');
      } catch {
        continue;
      }
      text.split('\n').forEach((line, index) => {
        if (line === '') return;
        const read = readLine(line);
        if (read.ok && read.record.type === 'lookup') out.push({ record: read.record, file, line: index + 1 });
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.record.ts) - Date.parse(b.record.ts) || a.record.seq - b.record.seq);
}
