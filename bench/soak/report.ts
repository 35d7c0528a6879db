import { fmt } from '../measure.js';
import type { SoakResult } from './run.js';

/** Answered, but as designed: while Redis restarts the endpoint fails closed. */
const EXPECTED = new Map([['500 REPLAY_STORE_ERROR', 'expected: fails closed while Redis restarts']]);

/**
 * Whether the run lost nothing and the server neither crashed nor hung.
 *
 * @example
 * process.exitCode = soakPassed(result) ? 0 : 1;
 */
export function soakPassed(result: SoakResult): boolean {
  return result.tally.lost.size === 0 && result.tally.cut === 0 && result.crash === undefined;
}

/**
 * The soak's figures as the lines `npm run soak` prints.
 *
 * @example
 * console.log(formatSoak(await runSoak({ seconds: 20, source: 'sqlite' })));
 */
export function formatSoak(result: SoakResult): string {
  const { options: o, tally: t, faults, rss } = result;
  const answered = [...t.answered.values()].reduce((a, b) => a + b, 0);
  const lost = [...t.lost.values()].reduce((a, b) => a + b, 0);
  const ms = (percentile: number): string => (percentile / 1000).toFixed(percentile < 10_000 ? 2 : 0);
  const mb = (r: { now: number; peak: number } | undefined): string => (r === undefined ? '?' : `${r.now} MB (peak ${r.peak} MB)`);
  const lines = [
    `soak: ${o.source} source, ${o.connections} keep-alive connections, ${o.seconds} s, ${fmt(o.rows)} customers, server from ${o.build}`,
    'faults:',
    ...faults.map((f) => `  ${f.at.toFixed(1).padStart(6)} s  ${f.fault.padEnd(18)} ${f.outcome}`),
    `requests sent         ${fmt(t.sent).padStart(10)}`,
    `answered              ${fmt(answered).padStart(10)}`,
    ...[...t.answered].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k.padEnd(26)} ${fmt(n).padStart(8)}${EXPECTED.has(k) ? `  (${EXPECTED.get(k)})` : ''}`),
    `lost (resets, socket errors) ${fmt(lost).padStart(3)}`,
    ...[...t.lost].map(([k, n]) => `  ${k.padEnd(26)} ${fmt(n).padStart(8)}`),
    `refused connections (nothing sent) ${fmt(t.refused)}`,
    `connections cut by SIGTERM (next request 50 ms later refused, no Connection: close) ${fmt(t.cut)}`,
    t.latency.count === 0
      ? 'latency: nothing answered'
      : `latency p50 ${ms(t.latency.percentile(50))} ms  p99 ${ms(t.latency.percentile(99))} ms  max ${ms(t.latency.max)} ms`,
    `server RSS start ${mb(rss.start)}, end ${mb(rss.end)}`,
    result.crash === undefined ? 'server: no crash' : `server: CRASH: ${result.crash}`,
    soakPassed(result) ? 'PASS: nothing lost or cut, no crash' : `FAIL: ${lost} lost, ${t.cut} cut, ${result.crash === undefined ? 'no crash' : 'crashed'}`,
  ];
  if (result.crash !== undefined) lines.push('last lines of the server log:', ...result.serverLog.split('\n').map((l) => `  | ${l}`));
  return lines.join('\n');
}
