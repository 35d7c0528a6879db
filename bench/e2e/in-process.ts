/**
 * The endpoint's own work per lookup with no HTTP around it: `endpoint.handle` called for 25
 * requests at a time on the same config and signed lookups as the e2e run (log lines included,
 * to stdout), through the build under test. Prints `{"cpuUsPerRequest": N}` on stderr's last
 * line: the best of a few passes, so a neighbour's burst cannot inflate it. Run by ceiling.ts
 * and the audit bench, pinned like the server.
 * Run: `node --import tsx bench/e2e/in-process.ts <dist/server/index.js> <config> <rows>`.
 */
import { pathToFileURL } from 'node:url';
import { signedLookups } from './signed.js';
import { KEY, POOL } from './knobs.js';

const [serverEntry, configFile, rows] = process.argv.slice(2) as [string, string, string];
const { createEndpoint, loadConfigFile } = (await import(pathToFileURL(serverEntry).href)) as typeof import('../../src/server/index.js');
const endpoint = await createEndpoint(loadConfigFile(configFile, { ...process.env, CUSTLINK_KEY: KEY }));
const requests = signedLookups({ size: POOL, rows: Number(rows), key: KEY }).map(({ body, headers }) => {
  const bytes = Buffer.from(body);
  const read = Promise.resolve(bytes);
  return { method: 'POST', path: '/', remoteAddress: '127.0.0.1', headers: { ...headers, 'content-length': String(bytes.length) }, readBody: () => read };
});
/** Requests per turn of the event loop: about what the server answers per turn under the e2e load. */
const BATCH = 25;
let best = Infinity;
for (let pass = 0; pass < 6; pass++) {
  const before = process.cpuUsage();
  for (let i = 0; i < requests.length; i += BATCH) {
    // A turn's requests at once, as the server has them: with audit on, their records are
    // written together at the end of the turn.
    const responses = await Promise.all(requests.slice(i, i + BATCH).map((request) => endpoint.handle(request)));
    for (const response of responses) if (response.status !== 200) throw new Error(`a real customer answered ${response.status}: ${response.body}`);
    // The server returns to the event loop after each batch of answers; so must this loop, or
    // the log's asynchronous writes never complete and its buffer grows as no server's does.
    await new Promise(setImmediate);
  }
  const used = process.cpuUsage(before);
  // The first pass warms the JIT and SQLite's page cache: it is not counted.
  if (pass > 0) best = Math.min(best, (used.user + used.system) / requests.length);
}
await endpoint.close();
console.error(JSON.stringify({ cpuUsPerRequest: best }));
