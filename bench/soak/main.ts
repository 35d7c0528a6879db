/**
 * `npm run soak -- --seconds N --source sqlite|postgres|mysql`: the endpoint under load on
 * loopback while faults are injected (see run.ts); exits 1 on any lost request or crash.
 * Options: --connections (50), --max-requests (10,000,000), --rows (20,000), --build dist|source.
 */
import { parseArgs } from 'node:util';
import { formatSoak, soakPassed } from './report.js';
import { runSoak } from './run.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    source: { type: 'string', default: 'sqlite' },
    connections: { type: 'string', default: '50' },
    'max-requests': { type: 'string', default: '10000000' },
    rows: { type: 'string', default: '20000' },
    build: { type: 'string', default: 'dist' },
  },
});
const source = values.source;
const build = values.build;
const numbers = [values.seconds, values.connections, values['max-requests'], values.rows].map(Number);
if (
  (source !== 'sqlite' && source !== 'postgres' && source !== 'mysql') ||
  (build !== 'dist' && build !== 'source') ||
  numbers.some((n) => !Number.isInteger(n) || n < 1)
) {
  console.error('usage: npm run soak -- --seconds N --source sqlite|postgres|mysql [--connections N] [--max-requests N] [--rows N] [--build dist|source]');
  process.exit(2);
}
const [seconds, connections, maxRequests, rows] = numbers as [number, number, number, number];
// Ctrl-C reaches the server and Redis too; staying alive lets the run drop its table and user.
process.on('SIGINT', () => console.log('interrupted: the children stop, then the soak cleans up and reports'));
const result = await runSoak({ seconds, source, connections, maxRequests, rows, build, progress: (line) => console.log(line) });
console.log(formatSoak(result));
process.exitCode = soakPassed(result) ? 0 : 1;
