import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { HONG, KEY, startConsoleEndpoint, XSS, type ConsoleTestEndpoint } from './test-utils/endpoint.js';

// Debian's Chromium, never a browser downloaded by a test tool.
const CHROMIUM = '/usr/bin/chromium';
const MISSING = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
const SKIPPED = `${MISSING}; browser tests skipped`;
if (MISSING !== undefined && process.env.CI !== 'true') console.warn(`custlink console: ${SKIPPED}`);
const SCREENSHOT_COPY = '/tmp/console-ticket.png';

let browser: Browser | undefined;
let endpoint: ConsoleTestEndpoint;
let c: ConsoleUnderTest;
let page: Page;
const shots = mkdtempSync(join(tmpdir(), 'custlink-console-shots-'));

beforeAll(async () => {
  if (MISSING !== undefined) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  endpoint = await startConsoleEndpoint();
  c = await startTestConsole();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Well under the test's own timeout, so a missing element fails with its selector named.
  page.setDefaultTimeout(5_000);
  // A page error (a script crash, a CSP violation by our own code) fails the test at the end.
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
const pageErrors: string[] = [];

afterAll(async () => {
  await browser?.close();
  if (MISSING === undefined) await Promise.all([c.close(), endpoint.cleanup()]);
  rmSync(shots, { recursive: true, force: true });
});

async function saveSettings(key: string): Promise<void> {
  await page.click('#tab-settings');
  await page.fill('#key', key);
  await page.click('#save');
  await page.waitForSelector('#settings-status .alert.ok');
}

async function lookUp(phone: string): Promise<void> {
  await page.click('#tab-ticket');
  await page.fill('#lookup-callNum', phone);
  await page.click('#lookup');
  await page.waitForSelector('#customer-body .alert');
}

describe('the console page in Chromium', () => {
  if (MISSING !== undefined && process.env.CI === 'true') {
    it('has Chromium in CI', () => {
      throw new Error(`${MISSING}: CI must run the browser test`);
    });
  }

  it('configures API 설정, looks a customer up from the ticket, and shows what the agent sees', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');

    // 키 생성 shows the new key once, in full; the form then shows it masked.
    await page.click('#generate-key');
    const generated = (await page.textContent('#generated-key')) ?? '';
    expect(generated).toMatch(/^[0-9a-f]{24}$/);
    expect(await page.textContent('#key-masked')).toBe(`${generated.slice(0, 4)}•••`);

    await page.fill('#url', endpoint.url);
    await page.check('#signing-yes');
    await page.fill('[data-path="lookupItems[1].values"]', 'korea, japan');
    await page.fill('[data-path="resultItems[3].name"]', 'phone');
    await page.fill('[data-path="resultItems[3].label"]', '연락처');
    await saveSettings(KEY);
    expect(await page.textContent('#key-masked')).toBe('bf77•••');
    expect(await page.inputValue('#key')).toBe('');

    await page.click('#test');
    await page.waitForSelector('#test-result .alert');
    expect(await page.getAttribute('#test-result .alert', 'class')).toContain('ok');

    await page.click('#tab-ticket');
    expect(await page.$$eval('#lookup-nation option', (options) => options.map((o) => o.textContent))).toEqual(['(선택 안 함 · none)', 'korea', 'japan']);
    await page.selectOption('#lookup-nation', 'korea');
    await lookUp(HONG.phone);
    expect(await page.textContent('#customer-body .alert.ok strong')).toBe('조회 성공');
    expect(await page.textContent('#customer-rows tr[data-item="userName"] td')).toBe(HONG.masked);
    expect(await page.textContent('#customer-rows tr[data-item="id"] td')).toBe(String(HONG.memberId));
    expect(await page.textContent('#customer-rows tr[data-item="phone"] td')).not.toBe(HONG.phone);
    await page.click('#customer-detail details summary');
    expect(await page.textContent('#customer-detail details')).toContain(`"callNum":"${HONG.phone}","nation":"korea"`);
    expect(await page.textContent('#customer-detail details')).not.toContain(KEY);
    const shot = join(shots, 'console-ticket.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    copyFileSync(shot, SCREENSHOT_COPY);

    // A value over 데이터 길이 is refused on the page, under its field, and nothing is sent.
    await lookUp('0'.repeat(21));
    expect(await page.textContent('.field-error[data-issue="values.callNum"]')).toContain('데이터 길이 20자');
    expect(await page.$('#customer-detail details')).toBeNull();

    // The wrong key: the agent's 403 message in an alert.
    await saveSettings('wrongwrongwrongwrongwron');
    await lookUp(HONG.phone);
    expect(await page.textContent('#customer-body .alert.bad strong')).toBe('요청한 서버에 조회 권한이 없습니다.');
    expect(pageErrors).toEqual([]);
  });

  it('shows HTML in customer data as text, never as markup', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await saveSettings(KEY);
    await page.fill('[data-path="resultItems[2].name"]', 'email');
    await lookUp(XSS.phone);
    expect(await page.textContent('#customer-rows tr[data-item="email"] td')).toBe(XSS.email);
    expect(await page.$$('#customer-panel img')).toHaveLength(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    expect(await page.textContent('#customer-detail details')).toContain('onerror');
    expect(pageErrors).toEqual([]);
  });
});
