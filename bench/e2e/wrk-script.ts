import type { SignedLookup } from './signed.js';

/** What the script's `done` prints on one line after this marker, for `parseWrkDone`. */
const DONE_MARKER = 'custlink-bench-wrk ';

/**
 * A wrk Lua script that cycles through `lookups` (each request already formatted once per
 * thread in `init`, so the generator spends nothing per request but a table index) and prints
 * the run's totals and latency percentiles as JSON after `DONE_MARKER`.
 *
 * @example
 * writeFileSync('data/bench/lookups.lua', wrkScript(signedLookups({ size: 2_000, rows, key })));
 * // wrk -t1 -c50 -d10s --latency -s data/bench/lookups.lua http://127.0.0.1:8080/
 */
export function wrkScript(lookups: readonly SignedLookup[], path = '/'): string {
  const rows = lookups.map(({ body, headers }) => {
    const fields = Object.entries(headers).map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`);
    return `  { ${luaString(body)}, { ${fields.join(', ')} } },`;
  });
  return `-- Written by bench/e2e/wrk-script.ts: ${lookups.length} signed lookups, signed for this run only.
local lookups = {
${rows.join('\n')}
}
local requests = {}
local i = 0

function init(args)
  for n, lookup in ipairs(lookups) do
    requests[n] = wrk.format("POST", ${luaString(path)}, lookup[2], lookup[1])
  end
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function done(summary, latency)
  local e = summary.errors
  io.write(string.format(${luaString(`${DONE_MARKER}{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"errors":%d}\n`)},
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;
}

/**
 * A Lua string literal holding `text`'s UTF-8 bytes exactly: printable ASCII as is, everything
 * else (quotes, backslashes, control and non-ASCII bytes) as a `\ddd` escape.
 *
 * @example
 * luaString('a"b') // '"a\\034b"'
 */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const plain = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += plain ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** The figures the script's `done` prints. */
export interface WrkDone {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  non2xx: number;
  errors: number;
}

/**
 * Reads the `done` line out of wrk's output.
 *
 * @example
 * parseWrkDone(stdout).p99Us // 3870
 */
export function parseWrkDone(stdout: string): WrkDone {
  const line = stdout.split('\n').find((l) => l.startsWith(DONE_MARKER));
  if (line === undefined) throw new Error(`wrk printed no result line:\n${stdout}`);
  return JSON.parse(line.slice(DONE_MARKER.length)) as WrkDone;
}
