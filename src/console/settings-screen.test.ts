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
});
