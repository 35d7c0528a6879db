/**
 * The access-record (접속기록) file format: what one line holds, how lines chain, how files are
 * named. Writers (`serve`) and readers (`custlink audit verify|review|search`) share only this
 * module, so a record means the same thing on both sides.
 *
 * A file is JSON Lines, UTF-8, one writer (an instance's worker) per file and per local day:
 * `audit-2026-12-07.<writer>.jsonl`. Its first line is an `open` line naming the file before it
 * in the same writer's chain, then one `lookup` line per request, and, once the day is over (or
 * the writer stops cleanly), a `close` line: the file's digest. Every line ends with
 * `,"hash":"<64 hex>"}` where the hash is SHA-256 over the line's text before that suffix plus
 * `}`, and every line's `prev` is the hash of the line before it in the writer's chain, across
 * files and days. The first line a writer ever writes has `prev` = `GENESIS`.
 */
import { hash as sha } from 'node:crypto';
import { hmacHex } from '../../protocol/hmac.js';

/** The version of the line format, in every line's `v`. */
const AUDIT_FORMAT_VERSION = 1;

/** `prev` of the first line of a writer's chain. */
export const GENESIS = '0'.repeat(64);

/** 수행업무 of a lookup request (the protocol has only this one). */
type AuditTask = 'lookup';

/** One request that reached an API path, whatever its outcome. */
export interface LookupRecord {
  v: typeof AUDIT_FORMAT_VERSION;
  type: 'lookup';
  /** Position in the writer's chain, from 1, never reset across files. */
  seq: number;
  /** 접속일시: local time with milliseconds and offset, `2026-12-07T13:05:01.123+09:00`. */
  ts: string;
  reqId: string;
  /** The API's `name` (the helpdesk's API 이름). */
  api: string;
  /** 접속지 정보: the caller's address after `trustProxy`; `null` when the socket had none. */
  ip: string | null;
  /** 계정 of the calling system: the fingerprint (`keyFingerprint`) of the key that signed; `null` when none verified. */
  keyFp: string | null;
  /** 계정 of the agent, in clear, from `audit.agentItem` when the helpdesk sends it; else `null`. */
  agent: string | null;
  task: AuditTask;
  status: number;
  /** The outcome code (`OK`, `NOT_FOUND`, `BAD_SIGNATURE`, ...). */
  code: string;
  /** Whether a customer's data was disclosed (`status` 200). */
  found: boolean;
  /** The names of the result items disclosed, in config order; `[]` when nothing was. Never values. */
  items: string[];
  /**
   * 처리한 정보주체 정보: per lookup item sent, `subjectHash(audit.key, normalized value)`. Items
   * absent from the body are absent here; `{}` when the body was never read (refused before it).
   */
  subjects: Record<string, string>;
  prev: string;
}

/** The first line of every file. */
interface OpenRecord {
  v: typeof AUDIT_FORMAT_VERSION;
  type: 'open';
  seq: number;
  ts: string;
  writer: string;
  /** This file's name. */
  file: string;
  /** The file before this one in the writer's chain; `null` for the writer's first file. */
  prevFile: string | null;
  prev: string;
}

/** The last line of a closed file: its digest. */
interface CloseRecord {
  v: typeof AUDIT_FORMAT_VERSION;
  type: 'close';
  seq: number;
  ts: string;
  file: string;
  /** `lookup` lines in the file. */
  records: number;
  /** The hash of the first line of the file (its `open` line). */
  first: string;
  prev: string;
}

export type AuditRecord = LookupRecord | OpenRecord | CloseRecord;

/** A record before it is chained: `prev` and `hash` are the writer's to add. */
export type UnchainedRecord = Omit<LookupRecord, 'prev'> | Omit<OpenRecord, 'prev'> | Omit<CloseRecord, 'prev'>;

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

/**
 * The line for `record` chained after `prev`, and its hash (the next line's `prev`). The line
 * has no trailing newline. Keys keep `record`'s order, so write them in the interface's order.
 *
 * @example
 * const { line, hash } = chainLine({ v: 1, type: 'open', seq: 1, ts, writer: 'host-w1', file, prevFile: null }, GENESIS);
 * // line: '{"v":1,"type":"open",...,"prev":"000…","hash":"<sha256>"}'
 */
export function chainLine(record: UnchainedRecord, prev: string): { line: string; hash: string } {
  // `prev` is the last key before `hash`, so it is spliced in after the record's own keys rather
  // than spread into a copy.
  const head = record.type === 'lookup' ? lookupHead(record, prev) : `${JSON.stringify(record).slice(0, -1)},"prev":"${prev}"`;
  const hash = lineHash(head);
  return { line: `${head},"hash":"${hash}"}`, hash };
}

/** A value's JSON, kept for the next line while the value stays the same. */
class LastJson {
  private value: unknown = Symbol('none');
  private json = '';
  of(value: unknown): string {
    if (value !== this.value) {
      this.value = value;
      this.json = JSON.stringify(value);
    }
    return this.json;
  }
}

// A turn's lines share their time, and mostly their API, caller, key, outcome, agent, item
// names (one array per API) and subject names: each is written as JSON once, not once a line
// (measured: 0.4 µs less a record, of 4.3 for its whole step and write).
const tsJson = new LastJson();
const apiJson = new LastJson();
const ipJson = new LastJson();
const keyFpJson = new LastJson();
const agentJson = new LastJson();
const codeJson = new LastJson();
const itemsJson = new LastJson();
const subjectNames: LastJson[] = [];

/**
 * A lookup line's text up to its hash, as `JSON.stringify` writes it in the interface's key
 * order: one per request on the request path, where the generic stringify of the whole record
 * cost about as much as the rest of the record (measured: 2.2 µs a line with its hash, 1.4 by
 * hand). Every string that can hold a caller's bytes still goes through `JSON.stringify`.
 */
function lookupHead(r: Omit<LookupRecord, 'prev'>, prev: string): string {
  let subjects = '';
  let i = 0;
  for (const name in r.subjects) {
    const json = (subjectNames[i++] ??= new LastJson()).of(name);
    subjects += `${subjects === '' ? '' : ','}${json}:${JSON.stringify(r.subjects[name])}`;
  }
  return `{"v":${r.v},"type":"lookup","seq":${r.seq},"ts":${tsJson.of(r.ts)},"reqId":${JSON.stringify(r.reqId)},"api":${apiJson.of(r.api)},"ip":${ipJson.of(r.ip)},"keyFp":${keyFpJson.of(r.keyFp)},"agent":${agentJson.of(r.agent)},"task":${JSON.stringify(r.task)},"status":${r.status},"code":${codeJson.of(r.code)},"found":${r.found},"items":${itemsJson.of(r.items)},"subjects":{${subjects}},"prev":"${prev}"`;
}

/** SHA-256 hex over a line's text before its `,"hash":...` suffix, plus the closing brace. */
function lineHash(head: string): string {
  return sha('sha256', `${head}}`, 'hex');
}

/** What `readLine` makes of one line of an audit file. */
export type ReadLine =
  | { ok: true; record: AuditRecord; hash: string }
  | { ok: false; reason: 'not-json' | 'no-hash' | 'hash-mismatch' | 'bad-shape' };

/**
 * Parses one line (without its newline) and checks its own hash. A line whose hash does not
 * match its text was changed after it was written; one that is not JSON at the end of a file
 * is a torn write (a crash mid-line), which the verifier tells apart by its position.
 *
 * @example
 * readLine(line) // { ok: true, record: { type: 'lookup', ... }, hash: '…' }
 * readLine('{"v":1,"ty') // { ok: false, reason: 'not-json' }
 */
export function readLine(line: string): ReadLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const suffix = HASH_SUFFIX.exec(line);
  if (suffix === null) return { ok: false, reason: 'no-hash' };
  const hash = suffix[1] as string;
  if (lineHash(line.slice(0, suffix.index)) !== hash) return { ok: false, reason: 'hash-mismatch' };
  if (!isRecord(parsed)) return { ok: false, reason: 'bad-shape' };
  const { hash: _hash, ...record } = parsed as AuditRecord & { hash: string };
  return { ok: true, record: record as AuditRecord, hash };
}

function isRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r.v === AUDIT_FORMAT_VERSION && typeof r.seq === 'number' && typeof r.ts === 'string' && typeof r.prev === 'string'
    && (r.type === 'lookup' || r.type === 'open' || r.type === 'close');
}

/**
 * The subject of a lookup item as records keep it: HMAC-SHA256 under the audit key over the
 * normalized value, hex. Whoever holds the key can find a person's records (`audit search`);
 * anyone else reading the files learns nothing, since a phone number's 10^8 space cannot be
 * searched without the key. The item's name is not mixed in, so the same person is found
 * whichever API or item name looked them up.
 *
 * @example
 * subjectHash(auditKey, '01012345678') // 64 hex characters
 */
export function subjectHash(key: string, normalizedValue: string): string {
  // The protocol's HMAC: its key is prepared once (padded blocks, two one-shot hashes), which
  // costs half of what `createHmac` does on every lookup item.
  return hmacHex(key, normalizedValue);
}

/** A writer's name as files carry it: letters, digits, `.`, `_` and `-` only. */
const WRITER = /^[A-Za-z0-9._-]{1,64}$/;
const FILE_NAME = /^audit-(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9._-]{1,64})\.jsonl$/;

/**
 * The file of `writer` for the local day `day` (`YYYY-MM-DD`).
 *
 * @example
 * auditFileName('2026-12-07', 'crm1-w2') // 'audit-2026-12-07.crm1-w2.jsonl'
 */
export function auditFileName(day: string, writer: string): string {
  if (!WRITER.test(writer)) throw new TypeError(`audit writer name must match ${WRITER.source}: ${JSON.stringify(writer)}`);
  return `audit-${day}.${writer}.jsonl`;
}

/**
 * The day and writer of an audit file's name, or `undefined` for any other file.
 *
 * @example
 * parseAuditFileName('audit-2026-12-07.crm1-w2.jsonl') // { day: '2026-12-07', writer: 'crm1-w2' }
 */
export function parseAuditFileName(name: string): { day: string; writer: string } | undefined {
  const match = FILE_NAME.exec(name);
  return match === null ? undefined : { day: match[1] as string, writer: match[2] as string };
}

/**
 * A time as records keep it: the host's local time with milliseconds and its UTC offset (KST
 * on a Korean host), since reviewers read 접속일시 in their own zone.
 *
 * @example
 * localTimestamp(new Date('2026-12-07T04:05:01.123Z')) // '2026-12-07T13:05:01.123+09:00' on a KST host
 */
export function localTimestamp(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${localDay(date)}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * The host's local day of `date`, `YYYY-MM-DD`: the day a record's file is named after.
 *
 * @example
 * localDay(new Date('2026-12-06T16:00:00Z')) // '2026-12-07' on a KST host
 */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
