import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer as startRecorder, type TestServer as Recorder } from '../client/test-utils/servers.js';
import { configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../server/harness.test.helper.js';
import { MISSING, openTestPage, SKIPPED, type TestPage } from './test-utils/browser.js';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';

// API 설정 as an admin uses it: 연결 테스트 against endpoints that check their values first.
const PHONE_PATTERN = '^0[0-9]{8,10}$';

let t: TestPage;
let page: Page;
let c: ConsoleUnderTest;
let db: ReturnType<typeof makeDatabase>;
/** A custlink endpoint whose callNum has the demo's pattern: '0' is refused before any lookup. */
let strict: TestServer;
/** An endpoint that refuses every request with a 400 that is not NOT_FOUND. */
let invalid: Recorder;

beforeAll(async () => {
  if (MISSING !== undefined) return;
  db = makeDatabase();
  const lookup = { callNum: { required: true, maxLength: 20, pattern: PHONE_PATTERN }, nation: { required: false, maxLength: 10, values: ['korea', 'japan'] } };
  [t, c, strict, invalid] = await Promise.all([
    openTestPage(),
    startTestConsole(),
    startTestServer(configValue(db.file, { lookup, log: { level: 'warn' } })),
    startRecorder((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"INVALID_PARAM","message":"callNum does not match","detail":null}}')),
  ]);
  page = t.page;
}, 60_000);

afterAll(async () => {
  await t?.browser.close();
  if (MISSING === undefined) await Promise.all([c.close(), strict.server.close(), invalid.close()]);
  db?.cleanup();
});

const card = 'fieldset.api[data-index="0"]';

async function testConnection(): Promise<string> {
  await page.click(`${card} .test-api`);
  await page.waitForSelector(`${card} .test-result .alert`);
  return (await page.textContent(`${card} .test-result`)) ?? '';
}

describe('API 설정 in Chromium', () => {
  if (MISSING !== undefined && process.env.CI === 'true') {
    it('has Chromium in CI', () => {
      throw new Error(`${MISSING}: CI must run the browser test`);
    });
  }

  it('연결 테스트: success only when the signature is proven, test values within pattern and 데이터 길이', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill(`${card} [data-field="url"]`, strict.url);
    await page.fill(`${card} [data-field="key"]`, KEY);
    await page.fill(`${card} [data-path="apis[0].lookupItems[0].pattern"]`, PHONE_PATTERN);
    // The value sent fits the pattern, so the endpoint gets to its lookup: NOT_FOUND proves the signature.
    const proven = await testConnection();
    const sent = JSON.parse(/보낸 값 · sent: (\{.*?\})/.exec(proven)?.[1] ?? '{}') as Record<string, string>;
    expect(sent.callNum).toMatch(new RegExp(PHONE_PATTERN));
    expect(sent.callNum?.length).toBeLessThanOrEqual(20);
    expect(proven).toContain('연결 성공');
    expect(proven).toContain('NOT_FOUND');
    expect(await page.$(`${card} .test-result .alert.ok`)).not.toBeNull();
    await t.shot('settings-test-proven');

    // Any other 400 says only that the endpoint was reached, with its code.
    await page.fill(`${card} [data-field="url"]`, invalid.url);
    const unproven = await testConnection();
    expect(unproven).toContain('연결은 됨, 서명 검증 여부는 확인되지 않음');
    expect(unproven).toContain('INVALID_PARAM');
    expect(unproven).not.toContain('연결 성공');
    expect(await page.$(`${card} .test-result .alert.ok`)).toBeNull();
    await t.shot('settings-test-unproven');

    // A pattern no test value fits is named on its field, and nothing is sent.
    const before = invalid.requests.length;
    await page.fill(`${card} [data-path="apis[0].lookupItems[0].pattern"]`, '^[a-z]{30}$');
    await page.click(`${card} .test-api`);
    await page.waitForSelector('.field-error[data-issue="apis[0].lookupItems[0].pattern"]');
    expect(invalid.requests.length).toBe(before);
    expect(t.pageErrors).toEqual([]);
  });

  it('a refused 저장 names the API and the field with the right particle, then scrolls to it and focuses it', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');
    // API 1 signs but has no key yet; API 2 (결제정보) has no timeout.
    await page.click('#add-api');
    const second = 'fieldset.api[data-index="1"]';
    await page.fill(`${second} [data-field="name"]`, '결제정보');
    await page.fill(`${second} [data-field="url"]`, invalid.url);
    await page.fill(`${second} [data-field="timeoutMs"]`, '');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#save');
    await page.waitForSelector('#settings-status .alert.bad');
    expect(await page.textContent('#settings-status strong')).toContain('저장하지 않았습니다. API 2 (결제정보)의 타임아웃이 올바르지 않습니다');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('apis[1].timeoutMs');
    // In view: the admin sees the field the message names.
    const box = await page.locator(`${second} [data-field="timeoutMs"]`).boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
    await t.shot('settings-save-error-focused');

    await page.fill(`${second} [data-field="timeoutMs"]`, '3000');
    await page.click('#save');
    await page.waitForFunction(() => document.querySelector('#settings-status strong')?.textContent?.includes('암호화 키'));
    expect(await page.textContent('#settings-status strong')).toContain('저장하지 않았습니다. API 1 (회원정보)의 암호화 키가 올바르지 않습니다');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('apis[0].key');
    expect(t.pageErrors).toEqual([]);
  });

  it('every control has a label, Korean wraps by word, and the item tables fit a phone or say they scroll', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#add-api');
    const unlabelled = (): Promise<string[]> => page.$$eval('input, select, textarea', (els) => els
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.getAttribute('data-path') ?? el.id ?? el.outerHTML.slice(0, 80)));
    expect(await unlabelled()).toEqual([]);
    await page.click('#tab-ticket');
    expect(await unlabelled()).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.body).wordBreak)).toBe('keep-all');

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await t.shot('ticket-375px');
    await page.click('#tab-settings');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Each item table either fits or says, where it is seen, that it scrolls sideways.
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.scroll')].every((box) => box.scrollWidth <= box.clientWidth + 1 || box.previousElementSibling?.classList.contains('shown') === true));
    const tables = await page.$$eval('.scroll', (boxes) => boxes.map((box) => ({ overflows: box.scrollWidth > box.clientWidth + 1, hint: box.previousElementSibling instanceof HTMLElement && box.previousElementSibling.offsetHeight > 0 ? box.previousElementSibling.textContent : '' })));
    expect(tables.filter((x) => x.overflows).length).toBeGreaterThan(0);
    for (const table of tables) if (table.overflows) expect(table.hint).toContain('좌우로 밀어서 보세요');
    await t.shot('settings-375px');
    // Back on a wide screen the hint goes away for the tables that fit.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.scroll')].every((box) => box.scrollWidth > box.clientWidth + 1 || box.previousElementSibling?.classList.contains('shown') !== true));
    expect(t.pageErrors).toEqual([]);
  });
});
