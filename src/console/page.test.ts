import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer as startRecorder, type TestServer as Recorder } from '../client/test-utils/servers.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { HONG, KEY, PAYMENTS_KEY, startTwoApiEndpoint, XSS, type TwoApiEndpoint } from './test-utils/endpoint.js';

// Debian's Chromium, never a browser downloaded by a test tool.
const CHROMIUM = '/usr/bin/chromium';
const MISSING = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
const SKIPPED = `${MISSING}; browser tests skipped`;
if (MISSING !== undefined && process.env.CI !== 'true') console.warn(`custlink console: ${SKIPPED}`);
// Kept for people to look at (gitignored), one file per state the test reaches.
const SHOTS = join(process.cwd(), 'test-results', 'console');

let browser: Browser | undefined;
// One custlink server with `apis:`: 회원정보 at /members and 결제정보 at /payments, each with its own key.
let endpoint: TwoApiEndpoint;
let proxy: Recorder;
let c: ConsoleUnderTest;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (MISSING !== undefined) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  [endpoint, c] = await Promise.all([startTwoApiEndpoint(), startTestConsole()]);
  // A reverse proxy's own page for a path it does not know: what a wrong 기본 URL gets.
  proxy = await startRecorder((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1><hr>nginx</body></html>'));
  mkdirSync(SHOTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Well under the test's own timeout, so a missing element fails with its selector named.
  page.setDefaultTimeout(5_000);
  // A page error (a script crash, a CSP violation by our own code) fails the test at the end.
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (MISSING === undefined) await Promise.all([c.close(), endpoint.cleanup(), proxy.close()]);
});

const card = (i: number): string => `fieldset.api[data-index="${i}"]`;
const block = (name: string): string => `section.api-block:has(h3:text-is("${name}"))`;

async function shot(name: string): Promise<void> {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(10_000);
}

async function save(): Promise<void> {
  await page.click('#tab-settings');
  await page.click('#save');
  await page.waitForSelector('#settings-status .alert').catch(() => undefined);
  const errors = await page.$$eval('.field-error', (els) => els.map((e) => `${e.getAttribute('data-issue')}: ${e.textContent}`));
  expect([await page.textContent('#settings-status'), ...errors].join('\n')).toContain('저장되었습니다.');
}

// By subject: a sample ticket's number follows its date, which moves with the day the test runs.
async function openTicket(subject: string, blocks: string[]): Promise<void> {
  await page.click('#tab-ticket');
  await page.click(`#ticket-list tr[data-ticket]:has(td:text-is("${subject}"))`);
  for (const name of blocks) await page.waitForSelector(`${block(name)} .agent-line`);
}

const PHONE_TICKET = '[전화] 캐시 충전 내역 문의';

const agentLine = (name: string): Promise<string | null> => page.textContent(`${block(name)} .agent-line`);

describe('the console page in Chromium', () => {
  if (MISSING !== undefined && process.env.CI === 'true') {
    it('has Chromium in CI', () => {
      throw new Error(`${MISSING}: CI must run the browser test`);
    });
  }

  it("two APIs: auto lookup on a phone ticket, 키 변경 → that block's 403 with the key hint, a proxy's HTML 404", async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');

    // API 1 (the default card): 회원정보 at /members, its key typed in.
    await page.fill(`${card(0)} [data-field="name"]`, '회원정보');
    await page.fill(`${card(0)} [data-field="url"]`, endpoint.members);
    await page.fill(`${card(0)} [data-field="key"]`, KEY);

    // 추가: API 2, 결제정보 at /payments. 예 makes its key at once; the endpoint has PAYMENTS_KEY, so it is typed over.
    await page.click('#add-api');
    await page.fill(`${card(1)} [data-field="name"]`, '결제정보');
    await page.fill(`${card(1)} [data-field="url"]`, endpoint.payments);
    await page.check(`${card(1)} input.signing-yes`);
    expect(await page.textContent(`${card(1)} .generated-key`)).toMatch(/^[0-9a-f]{24}$/);
    await page.fill(`${card(1)} [data-field="key"]`, PAYMENTS_KEY);
    await save();
    expect(await page.textContent(`${card(0)} .key-fingerprint`)).toBe(keyFingerprint(KEY));
    expect(await page.textContent('#settings-form')).not.toContain(KEY);
    expect(await page.textContent('#settings-form')).not.toContain(PAYMENTS_KEY);
    await shot('1-settings-two-apis');

    // A phone ticket: callNum is a 티켓 필드 looked up for phone tickets, in both APIs.
    await openTicket(PHONE_TICKET, ['회원정보', '결제정보']);
    expect(await agentLine('회원정보')).toBe('회원정보 조회 성공');
    expect(await agentLine('결제정보')).toBe('결제정보 조회 성공');
    expect(await page.textContent(`${block('회원정보')} tr[data-item="userName"] td`)).toBe(HONG.masked);
    expect(await page.inputValue('#search-api-1-callNum')).toBe(HONG.phone);
    // callNum (전화번호) is a lookup item: 홍길동's calls of 12 and 47 days ago, not the one of 200 days ago.
    expect(await page.textContent('#other-tickets h3')).toBe('이 고객의 다른 티켓 (최근 3개월)');
    expect(await page.$$eval('#other-tickets tr[data-ticket] td:last-child', (cells) => cells.map((td) => td.textContent))).toEqual(['캐시 환불 요청', '[전화] 배송지 변경']);
    await shot('2-ticket-both-found');

    // 키 변경 on API 2: confirmed, the old key stops at once; the endpoint still has the old one.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.click('#tab-settings');
    await page.click(`${card(1)} .change-key`);
    await page.waitForSelector(`${card(1)} pre.yaml`);
    expect(asked).toContain('이전 키는 더 이상 동작하지 않습니다');
    expect(asked).toContain('auth.keys');
    const changed = (await page.textContent(`${card(1)} .generated-key`)) ?? '';
    expect(await page.textContent(`${card(1)} pre.yaml`)).toContain(`- ${changed}`);
    expect(await page.textContent(`${card(1)} .key-fingerprint`)).toBe(keyFingerprint(changed));
    await shot('3-key-changed');

    await openTicket(PHONE_TICKET, ['회원정보', '결제정보']);
    expect(await agentLine('회원정보')).toBe('회원정보 조회 성공');
    expect(await agentLine('결제정보')).toBe('결제정보 요청한 서버에 조회 권한이 없습니다.');
    await page.click(`${block('결제정보')} details summary`);
    const detail = (await page.textContent(`${block('결제정보')} details`)) ?? '';
    expect(detail).toContain(`키 지문은 ${keyFingerprint(changed)}`);
    expect(detail).toContain('custlink keygen --fingerprint');
    expect(detail).toContain('BAD_SIGNATURE');
    expect(detail).not.toContain(changed);
    await shot('4-ticket-403-detail');

    // A wrong 기본 URL behind a proxy: its HTML 404 reads as the 404 message, the page as the cause.
    await page.click('#tab-settings');
    await page.fill(`${card(1)} [data-field="url"]`, proxy.url);
    await save();
    await openTicket(PHONE_TICKET, ['회원정보', '결제정보']);
    expect(await agentLine('결제정보')).toBe('결제정보 요청한 서버에 에러가 있습니다.');
    await page.click(`${block('결제정보')} details summary`);
    expect(await page.textContent(`${block('결제정보')} details`)).toContain('기본 URL의 경로');
    await shot('5-ticket-proxy-404');
    expect(pageErrors).toEqual([]);
  });

  it('keeps its layout at 800 px, and an inline error never squeezes its row', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.setViewportSize({ width: 800, height: 900 });
    await page.click('#tab-ticket');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await shot('6-ticket-800px');
    await page.click('#tab-settings');
    const name = `${card(0)} [data-path="apis[0].lookupItems[1].name"]`;
    const before = await page.locator(name).boundingBox();
    await page.fill(name, '');
    await page.click('#save');
    await page.waitForSelector('.field-error[data-issue="apis[0].lookupItems[1].name"]');
    expect(await page.textContent('.field-error[data-issue="apis[0].lookupItems[1].name"]')).toContain('필수 입력입니다.');
    const after = await page.locator(name).boundingBox();
    expect(after?.width).toBeCloseTo(before?.width ?? 0, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await shot('7-settings-800px-error');
    await page.fill(name, 'nation');
    await save();
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(pageErrors).toEqual([]);
  });

  it('OC 서버 정보: the firewall request names the API as typed and is copied, with no 메일 발송 that sends nothing', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(c.url).origin });
    await page.click('#tab-settings');
    const info = `${card(0)} .oc-server`;
    expect(await page.textContent(info)).toContain('API 연동 전 Online Contact 서비스에 대한 방화벽 오픈이 필요합니다.');
    // Typed, not saved: the request says what the card says.
    await page.fill(`${card(0)} [data-field="name"]`, '회원정보 API');
    const text = (await page.textContent(`${info} pre.oc-server-text`)) ?? '';
    expect(text).toContain('API 이름: 회원정보 API');
    expect(text).toContain(`기본 URL: ${endpoint.members}`);
    expect(text).toContain('메일 발송으로 받습니다');
    await page.click(`${info} .copy-oc-server`);
    await page.waitForSelector(`${info} .oc-server-note .alert`);
    expect(await page.textContent(`${info} .oc-server-note`)).toContain('복사했습니다.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    expect(await page.$$('button:has-text("메일 발송")')).toHaveLength(0);
    await shot('8-settings-oc-server');
    await page.fill(`${card(0)} [data-field="name"]`, '회원정보');
    expect(pageErrors).toEqual([]);
  });

  it('shows HTML in customer data as text, never as markup', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    // The KakaoTalk ticket is looked up automatically too; its customer's email is markup.
    await openTicket('카카오톡 상담: 쿠폰 사용', ['회원정보']);
    expect(await page.textContent(`${block('회원정보')} tr[data-item="email"] td`)).toBe(XSS.email);
    expect(await page.$$('#side-panel img')).toHaveLength(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
