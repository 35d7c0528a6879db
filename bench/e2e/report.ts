import { fmt, median } from '../measure.js';
import type { Load, Measured } from './load.js';

export const SERVERS = ['bare', 'custlink', 'tuned', 'fastify'] as const;
export type ServerName = (typeof SERVERS)[number];
export const GENERATORS = ['wrk', 'autocannon'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** One round: every generator against every server. */
export type Round = Record<GeneratorName, Record<ServerName, Measured>>;

const LABELS: Record<ServerName, string> = {
  bare: 'bare node:http',
  custlink: 'custlink serve',
  tuned: 'custlink, cache + warn',
  fastify: 'Fastify + better-sqlite3',
};

/**
 * One line per measured run: req/s, p50, p99, the ratio to bare in the same round, CPU and memory.
 *
 * @example
 * console.log(formatRun('wrk', 'custlink', measured, bare.load.rps));
 */
export function formatRun(generator: GeneratorName, server: ServerName, { load: l, cpuUsPerRequest, rss }: Measured, bareRps: number): string {
  const bad = l.non2xx + l.errors > 0 ? `  (${l.non2xx} non-2xx, ${l.errors} errors!)` : '';
  const memory = rss === undefined ? '' : `  RSS ${rss.now} MB (peak ${rss.peak} MB)`;
  return `  ${generator.padEnd(10)} ${LABELS[server].padEnd(25)} ${figures(l)}  ${(l.rps / bareRps).toFixed(3)} of bare  CPU ${cpuUsPerRequest.toFixed(0)} us/req${memory}${bad}`;
}

/**
 * The medians over rounds per generator and server, then issue 12's two targets (SQLite, wrk):
 * custlink at least `ratioToBare` of bare's req/s, and a p99 no worse than the hand-written
 * Fastify endpoint's in the same run.
 *
 * @example
 * for (const line of summarise(rounds, { ratioToBare: 0.65 })) console.log(line);
 */
export function summarise(rounds: readonly Round[], target: { ratioToBare: number }): string[] {
  const lines = [`  median of ${rounds.length} round(s):`];
  const of = (g: GeneratorName, s: ServerName, pick: (m: Measured, r: Round) => number) => median(rounds.map((r) => pick(r[g][s], r)));
  for (const g of GENERATORS) {
    for (const s of SERVERS) {
      const load: Load = { ...rounds[0]![g][s].load, rps: of(g, s, (m) => m.load.rps), p50: of(g, s, (m) => m.load.p50), p99: of(g, s, (m) => m.load.p99) };
      const ratio = of(g, s, (m, r) => m.load.rps / r[g].bare.load.rps);
      lines.push(`  ${g.padEnd(10)} ${LABELS[s].padEnd(25)} ${figures(load)}  ${ratio.toFixed(3)} of bare`);
    }
  }
  const ratio = of('wrk', 'custlink', (m, r) => m.load.rps / r.wrk.bare.load.rps);
  const tuned = of('wrk', 'tuned', (m, r) => m.load.rps / r.wrk.bare.load.rps);
  const p99 = of('wrk', 'custlink', (m) => m.load.p99);
  const fastifyP99 = of('wrk', 'fastify', (m) => m.load.p99);
  const judged = (value: number) => (value >= target.ratioToBare ? 'meets' : 'BELOW');
  lines.push(
    `  target: custlink >= ${target.ratioToBare} of bare with wrk: ${ratio.toFixed(3)} (${judged(ratio)}); with cache + warn: ${tuned.toFixed(3)} (${judged(tuned)})`,
    `  target: custlink p99 <= Fastify's with wrk: ${ms(p99)} against ${ms(fastifyP99)} (${p99 <= fastifyP99 ? 'meets' : 'WORSE'})`,
  );
  return lines;
}

/**
 * `serve --workers 1` and `2`, medians over rounds, and the speed-up of 2 over 1.
 *
 * @example
 * console.log(formatWorkers({ 1: [load1], 2: [load2] }).join('\n'));
 */
export function formatWorkers(loads: Record<number, readonly Load[]>): string[] {
  const medians = Object.entries(loads).map(([workers, runs]) => {
    const load: Load = { ...runs[0]!, rps: median(runs.map((l) => l.rps)), p50: median(runs.map((l) => l.p50)), p99: median(runs.map((l) => l.p99)) };
    return { workers: Number(workers), load };
  });
  const one = medians.find((m) => m.workers === 1)?.load.rps;
  return medians.map(({ workers, load }) => {
    const speedUp = one === undefined || workers === 1 ? '' : `  ${(load.rps / one).toFixed(2)}x of 1 worker`;
    const bad = load.non2xx + load.errors > 0 ? `  (${load.non2xx} non-2xx, ${load.errors} errors!)` : '';
    return `  wrk        --workers ${String(workers).padEnd(15)} ${figures(load)}${speedUp}${bad}`;
  });
}

function figures(l: Load): string {
  return `${fmt(l.rps).padStart(7)} req/s  p50 ${ms(l.p50)}  p99 ${ms(l.p99)}`;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
