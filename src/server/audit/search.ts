/**
 * `custlink audit search`: one person's 접속기록, found by the keyed hash of their normalized
 * lookup value. Only records holding that hash are returned, and they are returned without any
 * subject hash at all, so a search never hands out other people's hashes nor the searched one.
 */
import { subjectHash, type LookupRecord } from './format.js';
import { readLookups, type LocatedLookup } from './records.js';

/** One record of the searched subject, as search prints it. */
export interface SearchHit {
  ts: string;
  api: string;
  ip: string | null;
  keyFp: string | null;
  agent: string | null;
  status: number;
  code: string;
  items: string[];
  /** The lookup items whose value was the searched one (`callNum`, ...). */
  matchedBy: string[];
  /** The file, or in PostgreSQL the writer's segment. */
  file: string;
  /** The line in the file, or in PostgreSQL the record's `seq`. */
  line: number;
}

/**
 * The records in `dir` (files from `from` to `to`, `YYYY-MM-DD`) whose subjects hold
 * `subjectHash(key, normalizedValue)`.
 *
 * @example
 * searchSubject('/var/lib/custlink/audit', auditKey, '01012345678', { from: '2026-11-01', to: '2026-11-30' })
 */
export function searchSubject(dir: string, key: string, normalizedValue: string, range: { from?: string; to?: string } = {}): SearchHit[] {
  return searchLookups(readLookups(dir, range), key, normalizedValue);
}

/**
 * The `lookups` (from files or the PostgreSQL table) whose subjects hold `subjectHash(key, normalizedValue)`.
 *
 * @example
 * searchLookups(await readPostgresLookups(pool, 'custlink_audit'), auditKey, '01012345678')
 */
export function searchLookups(lookups: readonly LocatedLookup[], key: string, normalizedValue: string): SearchHit[] {
  const wanted = subjectHash(key, normalizedValue);
  const hits: SearchHit[] = [];
  for (const { record, file, line } of lookups) {
    const matchedBy = Object.entries(record.subjects).filter(([, h]) => h === wanted).map(([item]) => item);
    if (matchedBy.length > 0) hits.push(toHit(record, matchedBy, file, line));
  }
  return hits;
}

function toHit(r: LookupRecord, matchedBy: string[], file: string, line: number): SearchHit {
  return { ts: r.ts, api: r.api, ip: r.ip, keyFp: r.keyFp, agent: r.agent, status: r.status, code: r.code, items: r.items, matchedBy, file, line };
}

/**
 * The hits as a table in English with the product's Korean terms.
 *
 * @example
 * io.stdout.write(formatSearchText(hits));
 */
export function formatSearchText(hits: SearchHit[]): string {
  const head = ['접속일시 (time)', 'API', '접속지 (address)', '계정 (keyFp)', 'agent', 'status', 'code', 'items (disclosed)', 'matched by'];
  const rows = hits.map((h) => [h.ts, h.api, h.ip ?? '-', h.keyFp ?? '-', h.agent ?? '-', String(h.status), h.code, h.items.join(' ') || '-', h.matchedBy.join(' ')]);
  const out = [head, ...rows].map((cells) => cells.join('\t'));
  out.push(`${hits.length} record(s) of this 정보주체`);
  return out.join('\n') + '\n';
}
