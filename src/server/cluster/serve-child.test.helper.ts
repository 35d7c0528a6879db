/** Real `custlink serve` processes for the cluster and several-instance tests. */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { startCliChild, type CliChild } from '../../cli/test-utils/run-cli.js';
import { signRequest } from '../../protocol/sign.js';
import { eventually } from '../sources/test-utils/services.js';

export const BODY = '{"callNum":"010-1234-5678"}';

/** Writes a config value as YAML; answers the path. */
export function writeConfig(file: string, value: Record<string, unknown>): string {
  writeFileSync(file, stringify(value));
  return file;
}

/** `custlink serve --config file --port 0 ...extra` in a child process, once it prints its URL. */
export function serveChild(file: string, extra: string[] = []): Promise<CliChild> {
  return startCliChild(['serve', '--config', file, '--port', '0', ...extra], /listening on (http:\/\/\S+)/);
}

/**
 * One request on a connection of its own (so node:cluster hands each to the next worker), as
 * the helpdesk would send it; `sig` replays a signature already used.
 */
export function send(url: string, options: { key?: string; sig?: { authorization: string; timestamp: string }; method?: string } = {}): Promise<{ status: number; body: string }> {
  const sig = options.sig ?? (options.key === undefined ? undefined : signRequest({ key: options.key, body: BODY }));
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(sig && { authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp }) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.method === 'GET' ? undefined : BODY);
  });
}

/** The statuses of `n` signed lookups, each on its own connection, each signed with a timestamp of its own (not replays). */
export async function statuses(url: string, key: string, n: number): Promise<number[]> {
  const now = Date.now();
  return Promise.all(Array.from({ length: n }, (_, i) => send(url, { sig: signRequest({ key, body: BODY, timestamp: now + i }) }).then((r) => r.status)));
}

/** Waits until `pattern` shows in the child's stderr (failing with the whole stderr if not). */
export async function waitForStderr(child: CliChild, pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
  await eventually(async () => pattern.test(child.stderr()), ms);
  const found = pattern.exec(child.stderr());
  expect(found, child.stderr()).not.toBeNull();
  return found!;
}

/** The pids of the workers the primary reported listening, latest last. */
export function workerPids(child: CliChild): number[] {
  return [...child.stderr().matchAll(/custlink serve: worker (\d+) listening/g)].map((m) => Number(m[1]));
}
