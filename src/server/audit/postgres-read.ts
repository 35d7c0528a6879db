/**
 * Reading the 접속기록 back from the PostgreSQL table (`audit.postgres`), for `custlink audit
 * verify|review|search --postgres`: as a role that may SELECT, never the writers' INSERT-only one.
 */
import pg from 'pg';
import { GENESIS, readLine, subjectHash, type LookupRecord } from './format.js';
import { quoteTable } from './postgres-table.js';
import type { LocatedLookup } from './records.js';
import { searchLookups, type SearchHit } from './search.js';
import { hidePassword } from '../../utils/url-password.js';
import type { Finding, VerifyResult } from './verify.js';

/** One row of the table, as read. */
export interface AuditRow {
  writer: string;
  segment: string;
  seq: number;
  ts: Date;
  line: string;
}

/** The table could not be read (unreachable, missing, no privilege). */
export class AuditTableError extends Error {
  override name = 'AuditTableError';
}

/**
 * The rows of `table`, or only those around the local days `from` to `to` (`YYYY-MM-DD`; a day
 * more either side, since `ts` is read in the writers' zone; `lookupsOfRows` cuts exactly), and
 * only those whose line holds `containing` when it is given (a subject's hash: `search` has
 * PostgreSQL find that person's rows instead of reading every row). Throws `AuditTableError`
 * when PostgreSQL or the table cannot be read; its message never holds the URL's password.
 *
 * @example
 * const rows = await readAuditRows('postgres://reviewer@audit-db/audit', 'custlink_audit');
 */
export async function readAuditRows(url: string, table: string, range: { from?: string; to?: string; containing?: string } = {}): Promise<AuditRow[]> {
  const where: string[] = [];
  const values: string[] = [];
  if (range.from !== undefined) where.push(`ts >= ($${values.push(range.from)}::date - 1)`);
  if (range.to !== undefined) where.push(`ts < ($${values.push(range.to)}::date + 2)`);
  if (range.containing !== undefined) where.push(`strpos(line, $${values.push(range.containing)}) > 0`);
  return withClient(url, table, async (client) => {
    const result = await client.query<{ writer: string; segment: string; seq: string; ts: Date; line: string }>(
      `SELECT writer, segment, seq, ts, line FROM ${quoteTable(table)}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY writer, seq`,
      values,
    );
    return result.rows.map((r) => ({ writer: r.writer, segment: r.segment, seq: Number(r.seq), ts: r.ts, line: r.line }));
  });
}

/** One connection for `read`; any failure becomes an `AuditTableError` without the URL's password. */
async function withClient<T>(url: string, table: string, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return await read(client);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hint = code === '42501' ? ' (read as a role that may SELECT, not the writers\' INSERT-only one: --postgres URL)' : '';
    throw new AuditTableError(`cannot read the audit table ${table}: ${code ?? 'error'}: ${hidePassword(error, url)}${hint}`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}

/** A segment as the chain check orders it: by its first row's time, then its first `seq`. */
interface SegmentInfo {
  name: string;
  firstTs: Date;
  firstSeq: number;
  rows: number;
}

function bySegmentStart(a: SegmentInfo, b: SegmentInfo): number {
  return a.firstTs.getTime() - b.firstTs.getTime() || a.firstSeq - b.firstSeq;
}

/**
 * Verifies every writer's chain in the rows of the table, as `verifyAuditDir` does in files:
 * a finding's `file` is the writer's segment (one per start) and its `line` the record's `seq`.
 * A row changed (its line fails its hash, or its columns disagree with it), rows removed (a
 * gap in `seq`, inside a segment or at the end of one that the next names), rows repeated, a
 * segment named by an open line but absent, a segment that does not begin with its
 * open line: tampering. A chain that starts anew because a writer lost its local state, or
 * whose start was removed by retention: warnings.
 *
 * @example
 * const result = verifyAuditRows(await readAuditRows(url, table), `postgres ${table}`);
 */
export function verifyAuditRows(rows: readonly AuditRow[], where: string): VerifyResult {
  const writers = new Map<string, Map<string, AuditRow[]>>();
  for (const row of rows) {
    const segments = writers.get(row.writer) ?? new Map<string, AuditRow[]>();
    writers.set(row.writer, segments);
    const list = segments.get(row.segment) ?? [];
    segments.set(row.segment, list);
    list.push(row);
  }
  const check = chainCheck(where);
  for (const writer of [...writers.keys()].sort()) {
    const segments = [...writers.get(writer)!.entries()].map(([name, list]) => {
      list.sort((x, y) => x.seq - y.seq);
      return { name, firstTs: list[0]!.ts, firstSeq: list[0]!.seq, rows: list.length, list };
    });
    const chain = check.writer(writer, segments);
    for (const [si, segment] of chain.segments.entries()) segment.list.forEach((row, ri) => chain.row(si, ri, row));
  }
  return check.result();
}

/** Rows read per query by `verifyAuditTable`: memory stays one page, whatever the table holds. */
const PAGE_ROWS = 5_000;

/**
 * `verifyAuditRows` over the whole table without holding it: the segments are listed first
 * (one GROUP BY), then each segment's rows are read in `seq` order a page at a time, by the
 * primary key. Two years of records verify in the memory of one page. Throws `AuditTableError`
 * as `readAuditRows` does.
 *
 * @example
 * const result = await verifyAuditTable('postgres://reviewer@audit-db/audit', 'custlink_audit');
 */
export async function verifyAuditTable(url: string, table: string, pageRows = PAGE_ROWS): Promise<VerifyResult> {
  return withClient(url, table, async (client) => {
    const quoted = quoteTable(table);
    const listed = await client.query<{ writer: string; segment: string; first_ts: Date; first_seq: string; rows: string }>(
      `SELECT writer, segment, min(ts) AS first_ts, min(seq) AS first_seq, count(*) AS rows FROM ${quoted} GROUP BY writer, segment`,
    );
    const writers = new Map<string, SegmentInfo[]>();
    for (const r of listed.rows) {
      const list = writers.get(r.writer) ?? [];
      writers.set(r.writer, list);
      list.push({ name: r.segment, firstTs: r.first_ts, firstSeq: Number(r.first_seq), rows: Number(r.rows) });
    }
    const check = chainCheck(`postgres table ${table}`);
    for (const writer of [...writers.keys()].sort()) {
      const chain = check.writer(writer, writers.get(writer)!);
      for (const [si, info] of chain.segments.entries()) {
        let ri = 0;
        for (let after = -1; ; ) {
          const page = await client.query<{ seq: string; ts: Date; line: string }>(
            `SELECT seq, ts, line FROM ${quoted} WHERE writer = $1 AND segment = $2 AND seq > $3 ORDER BY seq LIMIT ${pageRows}`,
            [writer, info.name, after],
          );
          for (const r of page.rows) chain.row(si, ri++, { writer, segment: info.name, seq: Number(r.seq), ts: r.ts, line: r.line });
          if (page.rows.length < pageRows) break;
          after = Number(page.rows.at(-1)!.seq);
        }
      }
    }
    return check.result();
  });
}

/**
 * The chain check of `verifyAuditRows` and `verifyAuditTable`, fed a row at a time: per writer,
 * its segments in the order they began, then each segment's rows in `seq` order.
 */
function chainCheck(where: string): {
  writer<S extends SegmentInfo>(writer: string, segments: readonly S[]): { segments: S[]; row(si: number, ri: number, row: AuditRow): void };
  result(): VerifyResult;
} {
  const findings: Finding[] = [];
  const writers: VerifyResult['writers'] = [];
  return {
    writer(writer, unordered) {
      const segments = [...unordered].sort(bySegmentStart);
      const names = new Set(segments.map((s) => s.name));
      writers.push({ writer, files: segments.map((s) => s.name), lines: segments.reduce((n, s) => n + s.rows, 0) });
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let expecting = false;
      const row = (si: number, ri: number, row: AuditRow): void => {
        const segment = segments[si]!;
        const add = (kind: Finding['kind'], severity: Finding['severity'], message: string): void => {
          findings.push({ kind, severity, writer, file: segment.name, line: row.seq, message });
        };
        const read = readLine(row.line);
        if (!read.ok) {
          add(read.reason === 'hash-mismatch' ? 'changed' : 'damaged', 'tamper', read.reason === 'hash-mismatch' ? `record changed after it was written (its hash does not match its text; seq ${row.seq})` : `row is not a valid 접속기록 line (${read.reason})`);
          const claimed = /"hash":"([0-9a-f]{64})"\}$/.exec(row.line)?.[1];
          if (claimed !== undefined) {
            prevHash = claimed;
            expectedSeq = row.seq + 1;
            expecting = true;
          } else expecting = false;
          return;
        }
        const { record, hash } = read;
        if (record.seq !== row.seq) add('changed', 'tamper', `the row's seq ${row.seq} is not its line's seq ${record.seq}`);
        let check = expecting;
        if (ri === 0) {
          if (record.type !== 'open') {
            if (si === 0) {
              add('history-start', 'warning', `chain starts here without its open line (rows before seq ${record.seq} removed by retention after 보관 기간?)`);
              check = false;
            } else add('removed', 'tamper', `segment does not start with its open line (found a ${record.type} line, seq ${record.seq})`);
          } else {
            if (record.file !== segment.name || record.writer !== writer) add('changed', 'tamper', `open line names segment ${record.file} of ${record.writer}, not this one`);
            if (record.prevFile === null && record.prev === GENESIS) {
              if (si > 0) add('history-start', 'warning', `chain starts anew: ${writer} began without its local chain state (pg-chain.${writer}.json lost: a new host or a wiped audit.dir?); the end of ${segments[si - 1]!.name} cannot be checked`);
              check = false;
            } else if (si === 0) {
              add('history-start', 'warning', `chain starts here: the segment before it, ${record.prevFile ?? '?'}, is not in the table (removed by retention after 보관 기간?)`);
              check = false;
            } else if (record.prevFile !== segments[si - 1]!.name) {
              const present = record.prevFile !== null && names.has(record.prevFile);
              add(present ? 'changed' : 'missing-file', 'tamper', present ? `open line names ${record.prevFile} as the segment before it, expected ${segments[si - 1]!.name}` : `missing segment: ${record.prevFile} (named by this open line) is not in the table`);
              check = false;
            }
          }
        }
        if (check) {
          if (record.seq > expectedSeq) {
            const n = record.seq - expectedSeq;
            const range = `seq ${expectedSeq}${n > 1 ? `-${record.seq - 1}` : ''}`;
            add(ri === 0 ? 'cut-off' : 'removed', 'tamper', ri === 0 ? `${n} record${n === 1 ? '' : 's'} removed from the end of ${segments[si - 1]!.name} (${range} missing)` : `${n} record${n === 1 ? '' : 's'} removed before this row (${range} missing)`);
          } else if (record.seq < expectedSeq) {
            add('reordered', 'tamper', `seq ${record.seq} after seq ${expectedSeq - 1}: rows repeated`);
          } else if (record.prev !== prevHash) {
            add('changed', 'tamper', 'chain broken: prev does not match the hash of the record before (that row was rewritten or replaced)');
          }
        }
        prevHash = hash;
        expectedSeq = record.seq + 1;
        expecting = true;
      };
      return { segments, row };
    },
    result() {
      return { dir: where, writers, findings, exitCode: findings.some((f) => f.severity === 'tamper') ? 1 : 0 };
    },
  };
}

/**
 * One 정보주체's records in the table, as `searchSubject` finds them in files: PostgreSQL finds
 * the lines that hold the subject's hash, so that only that person's rows leave the database.
 *
 * @example
 * const hits = await searchTable(url, 'custlink_audit', key, '01012345678', { from: '2026-11-01' });
 */
export async function searchTable(url: string, table: string, key: string, normalizedValue: string, range: { from?: string; to?: string } = {}): Promise<SearchHit[]> {
  const rows = await readAuditRows(url, table, { ...range, containing: `"${subjectHash(key, normalizedValue)}"` });
  return searchLookups(lookupsOfRows(rows, range), key, normalizedValue);
}

/**
 * The readable `lookup` records of the rows whose local day (in the writer's zone) is from
 * `from` to `to`, in time order, located by segment and `seq`. Rows failing their hash are left
 * out: `verify` reports them.
 *
 * @example
 * searchLookups(lookupsOfRows(await readAuditRows(url, table)), key, '01012345678')
 */
export function lookupsOfRows(rows: readonly AuditRow[], range: { from?: string; to?: string } = {}): LocatedLookup[] {
  const out: LocatedLookup[] = [];
  for (const row of rows) {
    const read = readLine(row.line);
    if (!read.ok || read.record.type !== 'lookup') continue;
    const record: LookupRecord = read.record;
    const day = record.ts.slice(0, 10);
    if ((range.from !== undefined && day < range.from) || (range.to !== undefined && day > range.to)) continue;
    out.push({ record, file: row.segment, line: row.seq });
  }
  return out.sort((a, b) => Date.parse(a.record.ts) - Date.parse(b.record.ts) || a.record.seq - b.record.seq);
}
