import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIR, KEY, POOL, ROWS } from './knobs.js';
import { output, type Load, type LoadOptions } from './load.js';
import { signedLookups } from './signed.js';

/**
 * autocannon in its own node process (pinned like wrk), cycling through the signed lookups:
 * a warm-up run, then the measured one, both signed right before.
 *
 * @example
 * const load = await runAutocannon({ url, connections: 50, seconds: 10, warmupSeconds: 2, pin: [], threads: 1 });
 */
export async function runAutocannon({ url, connections, seconds, warmupSeconds, pin }: LoadOptions): Promise<Load> {
  const poolFile = join(DIR, 'lookups.json');
  writeFileSync(poolFile, JSON.stringify(signedLookups({ size: POOL, rows: ROWS, key: KEY })));
  const script = `const autocannon = require('autocannon');
const pool = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(poolFile)}, 'utf8'));
let i = 0;
const requests = [{ method: 'POST', setupRequest: (req) => { const r = pool[i++ % pool.length]; return { ...req, method: 'POST', headers: r.headers, body: r.body }; } }];
const opts = { url: ${JSON.stringify(url)}, connections: ${connections}, requests };
autocannon({ ...opts, duration: ${warmupSeconds} }).then((w) => autocannon({ ...opts, duration: ${seconds} }).then((r) => {
  process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + w.non2xx, errors: r.errors + r.timeouts, total: r.requests.total + w.requests.total }));
}));`;
  return JSON.parse(await output([...pin, process.execPath, '-e', script])) as Load;
}
