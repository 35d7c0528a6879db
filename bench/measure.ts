/**
 * Operations per second of `fn`, as the median of interleaved rounds: alternating the
 * candidates round by round keeps CPU frequency and GC drift from favouring either.
 */
export function compareRates(
  candidates: Record<string, () => unknown>,
  { rounds = 9, ms = 300 }: { rounds?: number; ms?: number } = {},
): Record<string, number> {
  const samples: Record<string, number[]> = {};
  let sink = 0;
  for (const [name, fn] of Object.entries(candidates)) {
    samples[name] = [];
    for (let i = 0; i < 20_000; i++) if (fn()) sink++;
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(candidates)) {
      let n = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < ms) {
        for (let i = 0; i < 1000; i++) if (fn()) sink++;
        n += 1000;
        elapsed = performance.now() - start;
      }
      samples[name]!.push((n / elapsed) * 1000);
    }
  }
  if (sink < 0) console.log(sink);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
