import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestConsole } from '../console/test-utils/console.js';
import { signRequest } from '../protocol/sign.js';
import { DEFAULT_DEMO_SEED } from '../server/demo/database.js';
import { showcaseCustomer } from '../server/demo/instructions.js';
import { maskName } from '../server/mask.js';

const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('custlink demo', () => {
  it('serves the generated customers, answers the printed lookup, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-demo-cli-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'demo', '--port', '0', '--rows', '300', '--data', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (text: string) => {
        stdout += text;
        const found = /listening on (http:\/\/\S+)/.exec(stdout);
        if (found?.[1]) resolve(found[1]);
      });
      void exited.then((code) => reject(new Error(`demo exited (${code}) before listening:\n${stdout}`)));
    });
    try {
      const key = readFileSync(join(dir, 'demo-key.txt'), 'utf8').trim();
      const customer = showcaseCustomer(DEFAULT_DEMO_SEED, 300);
      expect(stdout).toContain(key);
      expect(stdout).toContain(`callNum=${customer.phone}`);
      expect(stdout).toMatch(/sign --key \w+ --headers \| curl /);

      const body = JSON.stringify({ callNum: customer.phone });
      const { authorization, timestamp } = signRequest({ key, body });
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toMatchObject({
        userName: maskName(customer.name),
        id: customer.memberId,
        cashTotal: String(customer.cashTotal),
      });

      // The printed console line opens a ticket screen already pointed at this demo.
      const consoleFile = join(dir, 'console.demo.json');
      expect(stdout).toContain(`console --settings ${consoleFile}`);
      expect(statSync(consoleFile).mode & 0o777).toBe(0o600);
      const agent = await startTestConsole({ settingsFile: consoleFile });
      try {
        const seen = await agent.call<{ status: number; rows: { name: string; value: string }[] }>('POST', '/api/lookup', { values: { callNum: customer.phoneDisplay } });
        expect(seen.json.status).toBe(200);
        expect(seen.json.rows.find((r) => r.name === 'userName')?.value).toBe(maskName(customer.name));
        expect(seen.json.rows.find((r) => r.name === 'cashBonus')?.value).toBe(String(customer.cashBonus));
      } finally {
        await agent.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM, stopping');
  });
});
