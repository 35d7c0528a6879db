import { readFileSync } from 'node:fs';
import { AuditDirError, formatVerifyText, verifyAuditDir } from '../server/audit/verify.js';
import { formatReviewCsv, formatReviewText, monthRange, reviewMonth, reviewRecords } from '../server/audit/review.js';
import { formatSearchText, searchSubject } from '../server/audit/search.js';
import { AuditTableError, lookupsOfRows, readAuditRows, searchTable, verifyAuditTable } from '../server/audit/postgres-read.js';
import { DEFAULT_AUDIT_TABLE, quoteTable, setupSql } from '../server/audit/postgres-table.js';
import { redactUrl } from '../utils/url-password.js';
import { compileNormalize } from '../server/pipeline/normalize.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../server/vocabulary/normalize-specs.js';
import { URL_PROTOCOLS, urlSchemesText } from '../server/vocabulary/url-schemes.js';
import { intOption, parseCommand, UsageError, type Command, type Io } from './command.js';
import { readConfigAudit, type ConfigAudit } from './audit/config-audit.js';

const USAGE = `Usage: custlink audit verify STORE [--format text|json]
       custlink audit review STORE --month YYYY-MM [--hours 09-18] [--burst 30] [--repeat 20] [--callers 3] [--format text|json|csv]
       custlink audit search STORE --item NAME=VALUE [--key-file audit.key] [--normalize SPEC] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json]
       custlink audit setup-postgres [--table custlink_audit] [--writer-role custlink_audit_writer] [--reader-role custlink_audit_reader]

STORE is where the records are: --dir D (the files), --postgres URL [--table T] (the shared
table, as a role that may SELECT), or --config custlink.yaml (its audit.dir or audit.postgres,
its audit.key, audit.workingHours and lookup items; validated as serve does). With --config and
audit.postgres, --postgres URL gives a reader's URL instead of the writer's INSERT-only one.

Reads the 접속기록 (access records) custlink serve writes (docs/audit-review.md).
  verify   check every writer's hash chain: changed, removed or reordered records, missing
           days, cut-off tails (위·변조). Exit 0 intact (a torn last line after a crash is only
           a warning), 1 tampered, 2 unreadable.
  review   the monthly 접속기록 점검 report, in Korean, with a sign-off block: counts by API,
           계정, 접속지 and day; lookups outside working hours (Mon-Fri, --hours or
           audit.workingHours); bursts (one address above --burst lookups a minute); a 정보주체
           looked up --repeat times or by --callers callers; 서명 검증 실패; chain gaps. csv
           opens in Excel (UTF-8 BOM).
  search   one 정보주체's records: the value is normalized as the config's lookup item of that
           name does (or --normalize ${NORMALIZE_SPECS.join('|')}) and hashed with the audit
           key (audit.key of --config, or --key-file). Prints no subject hash.
  setup-postgres
           prints the table's DDL and the GRANTs of an INSERT-only role for serve and a
           SELECT-only one for reviewers; run it as the table's owner. custlink never runs DDL.`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const command: Command = {
  name: 'audit',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'review') return review(rest, io);
    if (sub === 'search') return search(rest, io);
    if (sub === 'setup-postgres') return setupPostgres(rest, io);
    throw new UsageError(sub === undefined ? 'which one: audit verify, audit review, audit search or audit setup-postgres? (--help)' : `unknown subcommand "${sub}": use verify, review, search or setup-postgres`);
  },
};

function need(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required: ${what}`);
  return value;
}

function format<F extends string>(value: string | undefined, allowed: readonly F[]): F {
  const f = (value ?? 'text') as F;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}; got "${value}"`);
  return f;
}

const STORE = { dir: { type: 'string' }, postgres: { type: 'string' }, table: { type: 'string' }, config: { type: 'string' } } as const;

/** Where the records are read from, and the config when one was given. */
type Store = ({ kind: 'dir'; dir: string } | { kind: 'postgres'; url: string; table: string }) & { config?: ConfigAudit };

/** `--dir`, `--postgres [--table]` or `--config`, exactly one of the first two (or the config's). */
function store(values: { dir?: string | undefined; postgres?: string | undefined; table?: string | undefined; config?: string | undefined }, io: Io): Store {
  if (values.dir !== undefined && values.postgres !== undefined) throw new UsageError('give --dir or --postgres, not both');
  const config = values.config === undefined ? undefined : readConfigAudit(values.config, io.env);
  const withConfig = config === undefined ? {} : { config };
  if (values.postgres !== undefined || (values.dir === undefined && config?.postgres !== undefined)) {
    const url = values.postgres ?? config!.postgres!.url;
    if (redactUrl(url, URL_PROTOCOLS.postgres) === undefined) throw new UsageError(`--postgres must be a ${urlSchemesText('postgres')} URL`);
    const table = values.table ?? config?.postgres?.table ?? DEFAULT_AUDIT_TABLE;
    try {
      quoteTable(table);
    } catch (error) {
      throw new UsageError(`--table: ${(error as Error).message}`);
    }
    return { kind: 'postgres', url, table, ...withConfig };
  }
  if (values.table !== undefined) throw new UsageError('--table goes with --postgres');
  const dir = values.dir ?? config?.dir;
  if (dir === undefined) throw new UsageError('where are the records? --dir D (audit.dir), --postgres URL (audit.postgres) or --config custlink.yaml');
  return { kind: 'dir', dir, ...withConfig };
}

function unreadable(error: unknown, io: Io): number {
  if (error instanceof AuditDirError || error instanceof AuditTableError) {
    io.stderr.write(`custlink audit: ${error.message}\n`);
    return 2;
  }
  throw error;
}

async function verify(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, { ...STORE, format: { type: 'string' } });
  if (!args) return 0;
  const from = store(args.values, io);
  const fmt = format(args.values.format, ['text', 'json'] as const);
  try {
    const result = from.kind === 'dir' ? verifyAuditDir(from.dir) : await verifyAuditTable(from.url, from.table);
    io.stdout.write(fmt === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatVerifyText(result));
    return result.exitCode;
  } catch (error) {
    return unreadable(error, io);
  }
}

async function review(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, {
    ...STORE, month: { type: 'string' }, hours: { type: 'string' }, burst: { type: 'string' },
    repeat: { type: 'string' }, callers: { type: 'string' }, format: { type: 'string' },
  });
  if (!args) return 0;
  const from = store(args.values, io);
  const month = need(args.values.month, '--month', 'the month to review, as YYYY-MM (e.g. 2026-11)');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (e.g. 2026-11), got "${month}"`);
  let hours: { start: number; end: number } | undefined = from.config?.hours;
  if (args.values.hours !== undefined) {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(args.values.hours);
    const start = Number(m?.[1]);
    const end = Number(m?.[2]);
    if (!m || start >= end || end > 24) throw new UsageError(`--hours must be START-END in whole hours, START < END <= 24 (e.g. 09-18), got "${args.values.hours}"`);
    hours = { start, end };
  }
  const fmt = format(args.values.format, ['text', 'json', 'csv'] as const);
  try {
    const options = {
      month, hours, burst: intOption(args.values.burst, '--burst'), repeat: intOption(args.values.repeat, '--repeat'), callers: intOption(args.values.callers, '--callers'),
    };
    let r;
    if (from.kind === 'dir') r = reviewMonth(from.dir, options);
    else {
      // The whole table for the chain check, a page at a time: a gap before the month shows in
      // the month's report too. Only the month's rows are held.
      const range = monthRange(month);
      const chain = await verifyAuditTable(from.url, from.table);
      r = reviewRecords(lookupsOfRows(await readAuditRows(from.url, from.table, range), range).map((l) => l.record), chain.findings, options);
    }
    io.stdout.write(fmt === 'json' ? JSON.stringify(r, null, 2) + '\n' : fmt === 'csv' ? formatReviewCsv(r) : formatReviewText(r));
    return 0;
  } catch (error) {
    return unreadable(error, io);
  }
}

async function search(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, {
    ...STORE, item: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
    'key-file': { type: 'string' }, normalize: { type: 'string' }, format: { type: 'string' },
  });
  if (!args) return 0;
  const item = need(args.values.item, '--item', 'the lookup item and value to search, as NAME=VALUE (e.g. callNum=010-1234-5678)');
  const eq = item.indexOf('=');
  if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--item must be NAME=VALUE (e.g. callNum=010-1234-5678), got "${item.slice(0, eq > 0 ? eq : 20)}..."`);
  const [name, value] = [item.slice(0, eq), item.slice(eq + 1)];
  for (const flag of ['from', 'to'] as const) {
    const v = args.values[flag];
    if (v !== undefined && !DAY.test(v)) throw new UsageError(`--${flag} must be YYYY-MM-DD, got "${v}"`);
  }
  const fmt = format(args.values.format, ['text', 'json'] as const);
  if (args.values.config === undefined && args.values['key-file'] === undefined) throw new UsageError('the audit key is needed: --config custlink.yaml (its audit.key) or --key-file audit.key');
  const where = store(args.values, io);
  const { config } = where;
  let key: string | undefined;
  if (args.values['key-file'] !== undefined) {
    try {
      key = readFileSync(args.values['key-file'], 'utf8').trim();
    } catch (error) {
      throw new UsageError(`--key-file ${args.values['key-file']}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else key = config?.key;
  if (key === undefined || key === '') throw new UsageError(`no audit key: ${args.values.config} has no audit.key; add it or give --key-file`);
  let spec: NormalizeSpec | null | undefined;
  if (args.values.normalize !== undefined) {
    if (!(NORMALIZE_SPECS as readonly string[]).includes(args.values.normalize)) throw new UsageError(`--normalize must be one of ${NORMALIZE_SPECS.join(', ')}; got "${args.values.normalize}"`);
    spec = args.values.normalize as NormalizeSpec;
  } else if (config !== undefined) {
    if (!config.normalize.has(name)) throw new UsageError(`${args.values.config} has no lookup item "${name}"; use one of ${[...config.normalize.keys()].join(', ') || '(none)'} or give --normalize`);
    spec = config.normalize.get(name);
  }
  const normalized = compileNormalize(spec ?? undefined)?.(value) ?? value;
  try {
    const range = { from: args.values.from, to: args.values.to };
    const hits = where.kind === 'dir' ? searchSubject(where.dir, key, normalized, range) : await searchTable(where.url, where.table, key, normalized, range);
    io.stdout.write(fmt === 'json' ? JSON.stringify(hits, null, 2) + '\n' : formatSearchText(hits));
    return 0;
  } catch (error) {
    return unreadable(error, io);
  }
}

async function setupPostgres(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, { table: { type: 'string' }, 'writer-role': { type: 'string' }, 'reader-role': { type: 'string' } });
  if (!args) return 0;
  try {
    io.stdout.write(setupSql(args.values.table ?? DEFAULT_AUDIT_TABLE, args.values['writer-role'] ?? 'custlink_audit_writer', args.values['reader-role'] ?? 'custlink_audit_reader'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return 0;
}
