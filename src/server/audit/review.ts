/**
 * `custlink audit review`: the monthly 접속기록 점검 (개인정보의 안전성 확보조치 기준 제8조②)
 * as a report in Korean, or rows for a spreadsheet.
 */
import { VERIFY_FAILURES } from '../vocabulary/outcomes.js';
import type { LookupRecord } from './format.js';
import { readLookups } from './records.js';
import { verifyAuditDir, type Finding } from './verify.js';

/** The review's thresholds. */
export interface ReviewOptions {
  /** `YYYY-MM`. */
  month: string;
  /** Working hours, local, `[start, end)` in hours; default 9-18, Monday to Friday. */
  hours?: { start: number; end: number };
  /** A burst: more than this many lookups from one address within one minute (default 30). */
  burst?: number;
  /** A subject looked up at least this many times (default 20) is listed. */
  repeat?: number;
  /** A subject looked up by at least this many callers (keyFp/ip) is listed (default 3). */
  callers?: number;
}

/** 조회 건수 and outcomes of one group. */
interface Counts {
  total: number;
  found: number;
  notFound: number;
  refused: number;
}

/** The review's findings, every count taken from the records. */
export interface Review {
  month: string;
  options: Required<Omit<ReviewOptions, 'month'>>;
  totals: Counts;
  byApi: Record<string, Counts>;
  byIp: Record<string, Counts>;
  byAccount: Record<string, Counts>;
  byDay: Record<string, Counts>;
  afterHours: { ts: string; api: string; ip: string; keyFp: string; code: string }[];
  bursts: { ip: string; minute: string; count: number }[];
  subjects: { subject: string; lookups: number; callers: number }[];
  signatureFailures: Record<string, number>;
  chain: Finding[];
}

const NO_IP = '(없음)';

function emptyCounts(): Counts {
  return { total: 0, found: 0, notFound: 0, refused: 0 };
}

function count(map: Record<string, Counts>, key: string, r: LookupRecord): void {
  tally((map[key] ??= emptyCounts()), r);
}

function tally(c: Counts, r: LookupRecord): void {
  c.total += 1;
  if (r.found) c.found += 1;
  else if (r.code === 'NOT_FOUND') c.notFound += 1;
  else c.refused += 1;
}

/** Local hour and weekday of a record's `ts`, read from its own text (the writer's zone). */
function localParts(ts: string): { day: string; hour: number; weekday: number } {
  const day = ts.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { day, hour: Number(ts.slice(11, 13)), weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** A subject hash as the review prints it: enough to tell people apart, not to search. */
function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…`;
}

/**
 * Reviews the month's records in `dir`, with verify's findings on the month's chain.
 *
 * @example
 * const review = reviewMonth('/var/lib/custlink/audit', { month: '2026-11' });
 * review.byApi['고객정보']?.total // 조회 건수
 */
export function reviewMonth(dir: string, options: ReviewOptions): Review {
  return reviewRecords(readLookups(dir, monthRange(options.month)).map((l) => l.record), verifyAuditDir(dir).findings, options);
}

/**
 * The days of `month` (`YYYY-MM`) as a `from`/`to` range.
 *
 * @example
 * monthRange('2026-11') // { from: '2026-11-01', to: '2026-11-30' }
 */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * Reviews `records` of a month, from files or the PostgreSQL table, with verify's `chain` findings.
 *
 * @example
 * const review = reviewRecords(lookups.map((l) => l.record), verifyPostgres(rows).findings, { month: '2026-11' });
 */
export function reviewRecords(records: LookupRecord[], chain: Finding[], options: ReviewOptions): Review {
  const opts = { hours: options.hours ?? { start: 9, end: 18 }, burst: options.burst ?? 30, repeat: options.repeat ?? 20, callers: options.callers ?? 3 };
  const lookups = records.filter((r) => r.ts.startsWith(options.month));
  const review: Review = {
    month: options.month, options: opts, totals: emptyCounts(), byApi: {}, byIp: {}, byAccount: {}, byDay: {},
    afterHours: [], bursts: [], subjects: [], signatureFailures: {}, chain: [],
  };
  const perMinute = new Map<string, number>();
  const subjects = new Map<string, { lookups: number; callers: Set<string> }>();
  const sigCodes = new Set<string>(VERIFY_FAILURES);
  for (const r of lookups) {
    const ip = r.ip ?? NO_IP;
    tally(review.totals, r);
    count(review.byApi, r.api, r);
    count(review.byIp, ip, r);
    count(review.byAccount, r.keyFp ?? NO_IP, r);
    const parts = localParts(r.ts);
    count(review.byDay, parts.day, r);
    const weekend = parts.weekday === 0 || parts.weekday === 6;
    if (weekend || parts.hour < opts.hours.start || parts.hour >= opts.hours.end) {
      review.afterHours.push({ ts: r.ts, api: r.api, ip, keyFp: r.keyFp ?? NO_IP, code: r.code });
    }
    const minuteKey = `${ip}\u0000${r.ts.slice(0, 16)}`;
    perMinute.set(minuteKey, (perMinute.get(minuteKey) ?? 0) + 1);
    for (const hash of new Set(Object.values(r.subjects))) {
      const s = subjects.get(hash) ?? { lookups: 0, callers: new Set<string>() };
      s.lookups += 1;
      s.callers.add(`${r.keyFp ?? NO_IP}/${ip}`);
      subjects.set(hash, s);
    }
    if (sigCodes.has(r.code)) review.signatureFailures[r.code] = (review.signatureFailures[r.code] ?? 0) + 1;
  }
  for (const [key, n] of perMinute) {
    if (n <= opts.burst) continue;
    const [ip, minute] = key.split('\u0000') as [string, string];
    review.bursts.push({ ip, minute: minute.replace('T', ' '), count: n });
  }
  for (const [hash, s] of subjects) {
    if (s.lookups >= opts.repeat || s.callers.size >= opts.callers) review.subjects.push({ subject: shortHash(hash), lookups: s.lookups, callers: s.callers.size });
  }
  review.subjects.sort((a, b) => b.lookups - a.lookups);
  review.chain = chain;
  return review;
}

const row = (name: string, c: Counts): string => `  ${name}\t조회 ${c.total}\t조회됨 ${c.found}\t결과 없음 ${c.notFound}\t거부 ${c.refused}`;

/**
 * The review as the Korean report a reviewer signs.
 *
 * @example
 * io.stdout.write(formatReviewText(reviewMonth(dir, { month: '2026-11' })));
 */
export function formatReviewText(r: Review): string {
  const o: string[] = [];
  const h = r.options.hours;
  o.push(`접속기록 점검 보고서 (${r.month})`, '개인정보의 안전성 확보조치 기준 제8조② 월 1회 이상 점검', '');
  o.push(`■ 전체: ${row('', r.totals).trim()}`, '');
  o.push('■ API(수행업무: 조회)별', ...Object.entries(r.byApi).map(([k, c]) => row(k, c)), '');
  o.push('■ 계정(호출 시스템 키 지문)별', ...Object.entries(r.byAccount).map(([k, c]) => row(k, c)), '');
  o.push('■ 접속지 정보(IP)별', ...Object.entries(r.byIp).map(([k, c]) => row(k, c)), '');
  o.push('■ 접속일시(일)별', ...Object.entries(r.byDay).sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => row(k, c)), '');
  o.push(`■ 업무시간 외 조회 (월~금 ${String(h.start).padStart(2, '0')}:00–${String(h.end).padStart(2, '0')}:00 외): ${r.afterHours.length}건`);
  o.push(...r.afterHours.slice(0, 50).map((a) => `  ${a.ts}\t${a.api}\t${a.ip}\t${a.keyFp}\t${a.code}`));
  if (r.afterHours.length > 50) o.push(`  … 외 ${r.afterHours.length - 50}건 (--format csv 로 전체 확인)`);
  o.push('');
  o.push(`■ 집중 조회 (한 접속지에서 1분에 ${r.options.burst}건 초과): ${r.bursts.length}건`, ...r.bursts.map((b) => `  ${b.ip}\t${b.minute}\t${b.count}건`), '');
  o.push(`■ 반복 조회된 정보주체 (처리한 정보주체 정보, 해시 앞부분; ${r.options.repeat}회 이상 또는 ${r.options.callers}개 이상 계정/접속지): ${r.subjects.length}명`);
  o.push(...r.subjects.map((s) => `  ${s.subject}\t조회 ${s.lookups}\t계정/접속지 ${s.callers}`), '');
  const sig = Object.entries(r.signatureFailures);
  o.push(`■ 서명 검증 실패: ${sig.reduce((n, [, c]) => n + c, 0)}건`, ...sig.map(([k, c]) => `  ${k}\t${c}건`), '');
  o.push(`■ 접속기록 무결성 (위·변조 점검, custlink audit verify): ${r.chain.length === 0 ? '이상 없음' : `${r.chain.length}건`}`);
  o.push(...r.chain.map((f) => `  ${f.severity === 'warning' ? '주의' : '위·변조 의심'}\t${f.file}${f.line === undefined ? '' : `:${f.line}`}\t${f.kind}: ${f.message}`), '');
  o.push('■ 점검 확인', '  점검자: ____________________   (서명)', '  점검일: ____________________', '  점검 결과: ________________________________________', '  조치 사항: ________________________________________');
  return o.join('\n') + '\n';
}

/**
 * The review as CSV rows (section, key, counts), with a UTF-8 BOM so that Excel in Korean
 * opens it as UTF-8.
 *
 * @example
 * writeFileSync('review.csv', formatReviewCsv(review));
 */
export function formatReviewCsv(r: Review): string {
  const q = (v: string | number): string => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const rows: (string | number)[][] = [['구분', '항목', '조회 건수', '조회됨', '결과 없음', '거부']];
  const add = (section: string, map: Record<string, Counts>): void => {
    for (const [k, c] of Object.entries(map)) rows.push([section, k, c.total, c.found, c.notFound, c.refused]);
  };
  add('전체', { [r.month]: r.totals });
  add('API', r.byApi);
  add('계정', r.byAccount);
  add('접속지', r.byIp);
  add('접속일시', r.byDay);
  for (const a of r.afterHours) rows.push(['업무시간 외', `${a.ts} ${a.api} ${a.ip} ${a.keyFp} ${a.code}`, 1, '', '', '']);
  for (const b of r.bursts) rows.push(['집중 조회', `${b.ip} ${b.minute}`, b.count, '', '', '']);
  for (const s of r.subjects) rows.push(['반복 조회 정보주체', s.subject, s.lookups, '', '', '']);
  for (const [k, c] of Object.entries(r.signatureFailures)) rows.push(['서명 검증 실패', k, c, '', '', '']);
  for (const f of r.chain) rows.push(['무결성', `${f.file}${f.line === undefined ? '' : `:${f.line}`} ${f.kind}`, 1, '', '', '']);
  return '\uFEFF' + rows.map((cells) => cells.map(q).join(',')).join('\r\n') + '\r\n';
}
