/**
 * `npm run bench`: every benchmark in turn, each printing its own figures and ratios.
 * Run one alone with `npx tsx bench/index.ts <name>`.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  verify: () => import('./verify.js'),
  import: () => import('./import.js'),
  e2e: () => import('./e2e/run.js'),
  audit: () => import('./e2e/audit.js'),
};

const only = process.argv.slice(2);
for (const [name, load] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).run();
}
