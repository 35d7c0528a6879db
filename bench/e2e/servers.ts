import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, DIR, KEY, PROFILE } from './knobs.js';

/** A server under load, in its own process. */
export interface Started {
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

const FASTIFY_ENDPOINT = fileURLToPath(new URL('./fastify-endpoint.ts', import.meta.url));
const PROFILE_DIR = join(DIR, `prof-${Date.now()}`);

/**
 * The real endpoint as an operator runs it (`custlink serve`, logging at info to a file), with
 * `--workers N` when given.
 *
 * @example
 * const custlink = await startCustlink({ config: 'data/bench/custlink.bench.yaml', pin: ['taskset', '-c', '0'] });
 */
export function startCustlink({ config, pin, workers, name: given }: { config: string; pin: readonly string[]; workers?: number; name?: string }): Promise<Started> {
  const args = [BIN, 'serve', '--config', config, '--port', '0', ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const name = given ?? (workers === undefined ? 'custlink' : `custlink-workers-${workers}`);
  return startNode(name, workers === undefined ? [...profile(name), ...args] : args, pin);
}

/**
 * The limit: reads the body as any endpoint must and answers `body` (custlink's own answer)
 * without verifying or looking up anything.
 *
 * @example
 * const bare = await startBare({ body: '{"data":{}}', pin: [] });
 */
export function startBare({ body, pin }: { body: string; pin: readonly string[] }): Promise<Started> {
  const script = `const http = require('node:http');
const body = ${JSON.stringify(body)};
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };
const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, headers); res.end(body); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  return startNode('bare', [...profile('bare'), '-e', script], pin);
}

/**
 * The hand-written comparison: Fastify + better-sqlite3 over the same database (fastify-endpoint.ts).
 *
 * @example
 * const fastify = await startFastify({ database: 'data/bench/demo.sqlite', pin: [] });
 */
export function startFastify({ database, pin }: { database: string; pin: readonly string[] }): Promise<Started> {
  return startNode('fastify', [...profile('fastify'), '--import', 'tsx', FASTIFY_ENDPOINT, database], pin);
}

/** Where BENCH_PROFILE=1 left a server's CPU profile. */
export function profileDir(name: string): string {
  return join(PROFILE_DIR, name);
}

function profile(name: string): string[] {
  return PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir(name)] : [];
}

/**
 * Starts `[pin] node args...` with its output in data/bench/<name>.log, and waits for its
 * "listening on URL" line.
 *
 * @example
 * const upstream = await startNode('upstream', ['-e', httpUpstreamScript(file)], []);
 */
export async function startNode(name: string, args: string[], pin: readonly string[]): Promise<Started> {
  const logFile = join(DIR, `${name}.log`);
  const out = openSync(logFile, 'w');
  const [file, ...rest] = [...pin, process.execPath, ...args];
  const child = spawn(file!, rest, { stdio: ['ignore', out, out], env: { ...process.env, CUSTLINK_KEY: KEY } });
  const exited = new Promise((done) => child.once('exit', done));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    const found = /listening on (http:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
    // taskset execs the command, so the pid is the server's own.
    if (found?.[1]) return { url: found[1], pid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${name} did not start; see ${logFile}`);
}
