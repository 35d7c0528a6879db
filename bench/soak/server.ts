import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rssOf } from '../proc.js';

/** How the endpoint runs: the built CLI (`npm run soak` builds first) or its source through tsx. */
export type ServerBuild = 'dist' | 'source';

/** How a process ended: an exit code or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `custlink serve` child process. */
export interface ServerChild {
  url: string;
  pid: number;
  /** Set once it has exited. */
  exit(): Exit | undefined;
  exited: Promise<Exit>;
  signal(name: NodeJS.Signals): void;
  /** Resident memory now and at its highest, in MB (Linux /proc). */
  rss(): { now: number; peak: number } | undefined;
  /** Everything it wrote (stdout and stderr share one log file). */
  log(): string;
  /** The last lines it wrote. */
  tail(lines: number): string;
}

/**
 * Starts `custlink serve --config <config> --port 0` with stdout and stderr in `logFile`, and
 * resolves once it printed its URL.
 *
 * @example
 * const server = await startServe({ build: 'dist', config: 'data/soak/custlink.yaml', logFile: 'data/soak/server.log', key });
 */
export async function startServe({ build, config, logFile, key }: { build: ServerBuild; config: string; logFile: string; key: string }): Promise<ServerChild> {
  const entry = build === 'dist' ? [resolve('dist/cli/bin.js')] : ['--import', 'tsx', resolve('src/cli/bin.ts')];
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...entry, 'serve', '--config', config, '--port', '0'], {
    stdio: ['ignore', out, out],
    env: { ...process.env, CUSTLINK_KEY: key },
  });
  let ended: Exit | undefined;
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done((ended = { code, signal }))));
  const log = (): string => readFileSync(logFile, 'utf8');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && ended === undefined) {
    const found = /listening on (http:\/\/\S+)/.exec(log());
    if (found?.[1]) {
      return {
        url: found[1],
        pid: child.pid!,
        exit: () => ended,
        exited,
        signal: (name) => void child.kill(name),
        log,
        rss: () => (ended === undefined ? rssOf(child.pid!) : undefined),
        tail: (lines) => log().trimEnd().split('\n').slice(-lines).join('\n'),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`custlink serve did not start:\n${log()}`);
}
