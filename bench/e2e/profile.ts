import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Self time per function in a server's CPU profile (BENCH_PROFILE=1), idle left out, as
 * microseconds per request; BENCH_TOP=N lines (20).
 *
 * @example
 * summariseProfile(profileDir('custlink'), requestsAnswered);
 */
export function summariseProfile(dir: string, requests: number): void {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (!file) return console.log(`  no profile written in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    startTime: number;
    endTime: number;
    nodes: Array<{ hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  };
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const usPerHit = (profile.endTime - profile.startTime) / hits;
  const self = new Map<string, number>();
  for (const { hitCount = 0, callFrame: f } of profile.nodes) {
    if (f.functionName === '(idle)') continue;
    const where = f.url ? ` ${f.url.replace(/^.*\/(node_modules|dist|internal)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'}${where}`;
    self.set(name, (self.get(name) ?? 0) + hitCount);
  }
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${basename(dir)}: ${((busy * usPerHit) / requests).toFixed(1)} us of CPU per request (profile ${join(dir, file)}); self time, top ${process.env.BENCH_TOP ?? 20}:`);
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TOP ?? 20))) {
    console.log(`    ${((n * usPerHit) / requests).toFixed(1).padStart(6)} us  ${((n / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}
