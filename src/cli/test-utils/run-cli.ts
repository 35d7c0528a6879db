import { spawn, spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `custlink` in-process with the given stdin bytes and environment. */
export async function runCli(argv: string[], stdin: string | Uint8Array = '', env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
  });
  return { code, stdout, stderr };
}

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

/** Runs the real `custlink` entry in a child process (through tsx, so no build is needed). */
export function spawnCli(argv: string[], stdin: string | Uint8Array = '', env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', BIN, ...argv], {
    input: stdin,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A long-running `custlink` command in a child process, once it printed its URL. */
export interface CliChild {
  url: string;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  pid: number;
  /** Resolves with the exit code once it exits. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `custlink ...argv` in a child process (through tsx) and waits until stdout shows a URL
 * matching `ready` (its first group is the URL); rejects with the output if it exits first.
 *
 * @example
 * const child = await startCliChild(['console', '--port', '0'], /open (http:\S+)/);
 * await fetch(child.url);
 * expect(await child.stop()).toBe(0);
 */
export function startCliChild(argv: string[], ready: RegExp): Promise<CliChild> {
  return startTsxChild(BIN, argv, ready);
}

/**
 * Starts a TypeScript program in a child process (`node --import tsx`, as a user runs one) and
 * waits until stdout shows a URL matching `ready`; rejects with the output if it exits first.
 *
 * @example
 * const app = await startTsxChild('app.ts', [], /listening on (http:\S+)/, { cwd: 'examples/hono', env: { PORT: '0' } });
 */
export async function startTsxChild(
  script: string,
  argv: string[],
  ready: RegExp,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (text: string) => {
      stdout += text;
      const found = ready.exec(stdout);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then((code) => reject(new Error(`${[script, ...argv].join(' ')} exited (${code}) before printing its URL:\n${stdout}${stderr}`)));
  });
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    pid: child.pid!,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
