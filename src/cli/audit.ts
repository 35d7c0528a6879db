import { readFileSync } from 'node:fs';
import { AuditDirError, formatVerifyText, verifyAuditDir } from '../server/audit/verify.js';
import { formatReviewCsv, formatReviewText, reviewMonth } from '../server/audit/review.js';
import { formatSearchText, searchSubject } from '../server/audit/search.js';
import { compileNormalize } from '../server/pipeline/normalize.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../server/vocabulary/normalize-specs.js';
import { intOption, parseCommand, UsageError, type Command, type Io } from './command.js';
import { readConfigAudit } from './audit/config-audit.js';

const USAGE = `Usage: custlink audit verify --dir D [--format text|json]
       custlink audit review --dir D --month YYYY-MM [--hours 09-18] [--burst 30] [--repeat 20] [--callers 3] [--format text|json|csv]
       custlink audit search --dir D --item NAME=VALUE (--config custlink.yaml | --key-file audit.key) [--normalize SPEC] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|json]

Reads the 접속기록 (access records) custlink serve writes (docs/audit-review.md).
  verify   check every writer's hash chain: changed, removed or reordered records, missing
           days, cut-off tails (위·변조). Exit 0 intact (a torn last line after a crash is only
           a warning), 1 tampered, 2 unreadable.
  review   the monthly 접속기록 점검 report, in Korean, with a sign-off block: counts by API,
           계정, 접속지 and day; lookups outside working hours (Mon-Fri, --hours); bursts (one
           address above --burst lookups a minute); a 정보주체 looked up --repeat times or by
           --callers callers; 서명 검증 실패; chain gaps. csv opens in Excel (UTF-8 BOM).
  search   one 정보주체's records: the value is normalized as the config's lookup item of that
           name does (or --normalize ${NORMALIZE_SPECS.join('|')}) and hashed with the audit
           key (audit.key of --config, or --key-file). Prints no subject hash.`;

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
    throw new UsageError(sub === undefined ? 'which one: audit verify, audit review or audit search? (--help)' : `unknown subcommand "${sub}": use verify, review or search`);
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

function unreadable(error: unknown, io: Io): number {
  if (error instanceof AuditDirError) {
    io.stderr.write(`custlink audit: ${error.message}\n`);
    return 2;
  }
  throw error;
}

async function verify(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, { dir: { type: 'string' }, format: { type: 'string' } });
  if (!args) return 0;
  const dir = need(args.values.dir, '--dir', 'the audit directory custlink serve writes (audit.dir)');
  const fmt = format(args.values.format, ['text', 'json'] as const);
  try {
    const result = verifyAuditDir(dir);
    io.stdout.write(fmt === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatVerifyText(result));
    return result.exitCode;
  } catch (error) {
    return unreadable(error, io);
  }
}

async function review(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, {
    dir: { type: 'string' }, month: { type: 'string' }, hours: { type: 'string' }, burst: { type: 'string' },
    repeat: { type: 'string' }, callers: { type: 'string' }, format: { type: 'string' },
  });
  if (!args) return 0;
  const dir = need(args.values.dir, '--dir', 'the audit directory custlink serve writes (audit.dir)');
  const month = need(args.values.month, '--month', 'the month to review, as YYYY-MM (e.g. 2026-11)');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (e.g. 2026-11), got "${month}"`);
  let hours: { start: number; end: number } | undefined;
  if (args.values.hours !== undefined) {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(args.values.hours);
    const start = Number(m?.[1]);
    const end = Number(m?.[2]);
    if (!m || start >= end || end > 24) throw new UsageError(`--hours must be START-END in whole hours, START < END <= 24 (e.g. 09-18), got "${args.values.hours}"`);
    hours = { start, end };
  }
  const fmt = format(args.values.format, ['text', 'json', 'csv'] as const);
  try {
    const r = reviewMonth(dir, {
      month, hours, burst: intOption(args.values.burst, '--burst'), repeat: intOption(args.values.repeat, '--repeat'), callers: intOption(args.values.callers, '--callers'),
    });
    io.stdout.write(fmt === 'json' ? JSON.stringify(r, null, 2) + '\n' : fmt === 'csv' ? formatReviewCsv(r) : formatReviewText(r));
    return 0;
  } catch (error) {
    return unreadable(error, io);
  }
}

async function search(argv: string[], io: Io): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, {
    dir: { type: 'string' }, item: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' },
    'key-file': { type: 'string' }, normalize: { type: 'string' }, format: { type: 'string' },
  });
  if (!args) return 0;
  const dir = need(args.values.dir, '--dir', 'the audit directory custlink serve writes (audit.dir)');
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
  const config = args.values.config === undefined ? undefined : readConfigAudit(args.values.config, io.env);
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
    const hits = searchSubject(dir, key, normalized, { from: args.values.from, to: args.values.to });
    io.stdout.write(fmt === 'json' ? JSON.stringify(hits, null, 2) + '\n' : formatSearchText(hits));
    return 0;
  } catch (error) {
    return unreadable(error, io);
  }
}
