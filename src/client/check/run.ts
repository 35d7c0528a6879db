import { createContext } from './context.js';
import { invalidJsonProbe, largeBodyProbe, missingItemProbe } from './input-probes.js';
import { latencyProbe } from './latency-probe.js';
import { foundProbe, missingProbe } from './lookup-probes.js';
import { replayProbe } from './replay-probe.js';
import {
  futureProbe,
  missingTimestampProbe,
  nonNumericTimestampProbe,
  skewFutureProbe,
  skewPastProbe,
  staleProbe,
} from './clock-probes.js';
import { missingAuthorizationProbe, tamperedBodyProbe, tamperedTimestampProbe, wrongKeyProbe } from './signature-probes.js';
import { tlsProbe } from './tls-probe.js';
import type { CheckOptions, CheckReport, Probe, ProbeResult, Verdict } from './types.js';

// `found` runs first: it learns the endpoint's clock for the notes of the timestamp probes.
// The 1 MiB body runs last but one, so an endpoint that falls over on it spoils no other probe.
const PROBES: readonly Probe[] = [
  foundProbe,
  missingProbe,
  wrongKeyProbe,
  tamperedBodyProbe,
  tamperedTimestampProbe,
  missingAuthorizationProbe,
  missingTimestampProbe,
  nonNumericTimestampProbe,
  staleProbe,
  futureProbe,
  skewPastProbe,
  skewFutureProbe,
  invalidJsonProbe,
  missingItemProbe,
  replayProbe,
  latencyProbe,
  largeBodyProbe,
  tlsProbe,
];

/**
 * Runs every conformance probe against a customer-info endpoint, one after another, and
 * reports each with what the agent would see. Never throws on what the endpoint does; throws a
 * `CustlinkError` only for bad options (URL, key, timeout).
 *
 * @example
 * const report = await runCheck({ url: 'https://crm.example.com/oc', key, found: { callNum: '01012345678' } });
 * if (!report.ok) console.log(report.probes.filter((p) => p.verdict === 'fail'));
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const ctx = createContext(options);
  const probes: ProbeResult[] = [];
  for (const [i, probe] of PROBES.entries()) {
    const result = await probe(ctx);
    probes.push(result);
    options.onProbe?.(result, i, PROBES.length);
    // Nothing answers at all (refused, DNS, TLS, timeout): seventeen more identical errors would
    // bury the one line that matters, so only the offline TLS probe still runs.
    if (i === 0 && result.status === 0) {
      result.note = `${result.note ?? 'no HTTP answer'}; the other probes were not run`;
      probes.push(await tlsProbe(ctx));
      break;
    }
  }
  const summary: Record<Verdict, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const p of probes) summary[p.verdict]++;
  return {
    url: ctx.client.url.href,
    scheme: ctx.client.scheme,
    timeoutMs: ctx.timeoutMs,
    ok: summary.fail === 0,
    summary,
    probes,
  };
}
