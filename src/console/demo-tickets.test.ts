import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliChild, type CliChild } from '../cli/test-utils/run-cli.js';
import { DEFAULT_DEMO_SEED } from '../demo/database.js';
import { showcaseCustomer } from '../demo/instructions.js';
import { maskName } from '../server/pipeline/mask.js';
import { apiBlock, MISSING, openTestPage, SKIPPED, type TestPage } from './test-utils/browser.js';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';

// `custlink demo` then `custlink console --settings data/console.demo.json`, as the demo prints.
const ROWS = 300;
let dir: string;
let demo: CliChild;
let c: ConsoleUnderTest;
let t: TestPage;

beforeAll(async () => {
  if (MISSING !== undefined) return;
  dir = mkdtempSync(join(tmpdir(), 'custlink-console-demo-'));
  demo = await startCliChild(['demo', '--port', '0', '--rows', String(ROWS), '--data', dir], /listening on (http:\/\/\S+)/);
  [c, t] = await Promise.all([startTestConsole({ settingsFile: join(dir, 'console.demo.json') }), openTestPage()]);
}, 60_000);

afterAll(async () => {
  await t?.browser.close();
  await c?.close();
  if (demo !== undefined) expect(await demo.stop()).toBe(0);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the console on the demo', () => {
  it('opens tickets of demo customers: the phone ticket finds its customer at once', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    const { page } = t;
    const customer = showcaseCustomer(DEFAULT_DEMO_SEED, ROWS);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#tab-ticket');
    // The list names the demo customer, and the first phone ticket carries their number.
    expect(await page.textContent('#ticket-list')).toContain(customer.name);
    await page.click('#ticket-list tr[data-ticket]:has(td:text-is("[전화] 캐시 충전 내역 문의"))');
    await page.waitForSelector(`${apiBlock('회원정보')} .agent-line`);
    expect(await page.textContent(`${apiBlock('회원정보')} .agent-line`)).toBe('회원정보 조회 성공');
    expect(await page.textContent(`${apiBlock('회원정보')} tr[data-item="userName"] td`)).toBe(maskName(customer.name));
    expect(await page.textContent(`${apiBlock('회원정보')} tr[data-item="cashTotal"] td`)).toBe(String(customer.cashTotal));
    // A 저장 keeps them: the page sends only its APIs.
    await page.click('#tab-settings');
    await page.click('#save');
    await page.waitForSelector('#settings-status .alert.ok');
    expect((await c.call<{ customers: unknown[] }>('GET', '/api/settings')).json.customers).toHaveLength(3);
    await t.shot('demo-ticket-found');
    expect(t.pageErrors).toEqual([]);
  });
});
