import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFileName, chainLine, GENESIS, type LookupRecord, type UnchainedRecord } from '../format.js';

/** A lookup as a fixture gives it: the chain fields (`v`, `type`, `seq`, `prev`) are filled in. */
export type FixtureLookup = Partial<Omit<LookupRecord, 'v' | 'type' | 'seq' | 'prev'>> & { ts: string };

/** One writer's day in a fixture. */
export interface FixtureDay {
  day: string;
  lookups: FixtureLookup[];
}

/**
 * Writes one writer's valid chain, a file per day, every file closed except the newest unless
 * `closeLast`. Returns the file names in day order.
 *
 * @example
 * writeWriterChain(dir, 'crm1-w1', [{ day: '2026-11-02', lookups: [{ ts: '2026-11-02T10:00:00.000+09:00' }] }]);
 */
export function writeWriterChain(dir: string, writer: string, days: FixtureDay[], options: { closeLast?: boolean } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  let prev = GENESIS;
  let seq = 0;
  let prevFile: string | null = null;
  const files: string[] = [];
  days.forEach((d, index) => {
    const file = auditFileName(d.day, writer);
    const lines: string[] = [];
    const push = (record: UnchainedRecord): string => {
      const chained = chainLine(record, prev);
      lines.push(chained.line);
      prev = chained.hash;
      return chained.hash;
    };
    const first = push({ v: 1, type: 'open', seq: ++seq, ts: `${d.day}T00:00:00.000+09:00`, writer, file, prevFile });
    for (const [i, l] of d.lookups.entries()) {
      push({
        v: 1, type: 'lookup', seq: ++seq, ts: l.ts, reqId: l.reqId ?? `${writer}-${d.day}-${i}`, api: l.api ?? 'customer',
        ip: l.ip === undefined ? '10.0.0.1' : l.ip, keyFp: l.keyFp === undefined ? 'abcd1234' : l.keyFp, agent: l.agent ?? null,
        task: 'lookup', status: l.status ?? 200, code: l.code ?? 'OK', found: l.found ?? (l.status ?? 200) === 200,
        items: l.items ?? ((l.status ?? 200) === 200 ? ['custName'] : []), subjects: l.subjects ?? {},
      });
    }
    if (index < days.length - 1 || options.closeLast) {
      push({ v: 1, type: 'close', seq: ++seq, ts: `${d.day}T23:59:59.999+09:00`, file, records: d.lookups.length, first });
    }
    writeFileSync(join(dir, file), lines.join('\n') + '\n');
    files.push(file);
    prevFile = file;
  });
  return files;
}
