import { spawnSync } from 'node:child_process';
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
