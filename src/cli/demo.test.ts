import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestConsole } from '../console/test-utils/console.js';
import { signRequest } from '../protocol/sign.js';
import { DEFAULT_DEMO_SEED } from '../demo/database.js';
import { showcaseCustomer } from '../demo/instructions.js';
import { maskName } from '../server/pipeline/mask.js';
import { startCliChild } from './test-utils/run-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('custlink demo', () => {
  it('serves the generated customers, answers the printed lookup, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-demo-cli-'));
    dirs.push(dir);
    const child = await startCliChild(['demo', '--port', '0', '--rows', '300', '--data', dir], /listening on (http:\/\/\S+)/);
    const { url } = child;
    try {
      const key = readFileSync(join(dir, 'demo-key.txt'), 'utf8').trim();
      const customer = showcaseCustomer(DEFAULT_DEMO_SEED, 300);
      const stdout = child.stdout();
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
        const seen = await agent.call<{ status: number; rows: { name: string; value: string }[] }>('POST', '/api/lookup', { api: 'api-1', values: { callNum: customer.phoneDisplay } });
        expect(seen.json.status).toBe(200);
        expect(seen.json.rows.find((r) => r.name === 'userName')?.value).toBe(maskName(customer.name));
        expect(seen.json.rows.find((r) => r.name === 'cashBonus')?.value).toBe(String(customer.cashBonus));
      } finally {
        await agent.close();
      }
    } finally {
      expect(await child.stop()).toBe(0);
    }
    expect(child.stdout()).toContain('SIGTERM, stopping');
  });
});
