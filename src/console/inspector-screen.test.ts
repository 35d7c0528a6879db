import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature } from '../protocol/hmac.js';
import { apiBlock, MISSING, openTestPage, SKIPPED, type TestPage } from './test-utils/browser.js';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { consoleSettings, HONG, KEY, NOBODY_PHONE, startConsoleEndpoint, type ConsoleTestEndpoint } from './test-utils/endpoint.js';

// 상세's request inspector and the session's lookup history, against a real signed endpoint.
const run = promisify(execFile);
const BIN = join(process.cwd(), 'src', 'cli', 'bin.ts');

let t: TestPage;
let page: Page;
let c: ConsoleUnderTest;
let endpoint: ConsoleTestEndpoint;

beforeAll(async () => {
  if (MISSING !== undefined) return;
  [t, c, endpoint] = await Promise.all([openTestPage(), startTestConsole(), startConsoleEndpoint()]);
  page = t.page;
  expect((await c.call('PUT', '/api/settings', consoleSettings(endpoint.url))).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.browser.close();
  if (MISSING === undefined) await Promise.all([c.close(), endpoint.cleanup()]);
});

const block = apiBlock('회원정보');

async function lookUp(callNum: string): Promise<void> {
  await page.fill('#search-api-1-callNum', callNum);
  await page.press('#search-api-1-callNum', 'Enter');
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('fieldset.search-api button.search')?.disabled === false);
  await page.waitForSelector(`${block} .agent-line`);
}

/** Runs a copied line in bash, `custlink` being this checkout's CLI, with the key only in the environment. */
async function runLine(line: string): Promise<string> {
  const cli = `${process.execPath} --import tsx ${BIN}`;
  const { stdout } = await run('bash', ['-c', line.replaceAll('custlink ', `${cli} `)], { env: { ...process.env, CUSTLINK_KEY: KEY }, timeout: 20_000 });
  return stdout;
}

describe('상세 request inspector in Chromium', () => {
  if (MISSING !== undefined && process.env.CI === 'true') {
    it('has Chromium in CI', () => {
      throw new Error(`${MISSING}: CI must run the browser test`);
    });
  }

  it('shows the signed string, hides Authorization until asked, and gives call and curl lines that repeat the lookup', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await page.goto(c.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#tab-ticket');
    await lookUp(HONG.phone);
    expect(await page.textContent(`${block} .agent-line`)).toBe('회원정보 조회 성공');
    await page.click(`${block} details summary`);

    const body = '{"callNum":"010-1234-5678","nation":""}';
    const sent = (await page.textContent(`${block} pre.sent-headers`)) ?? '';
    const timestamp = /x-tc-timestamp: (\d+)/.exec(sent)?.[1] ?? '';
    expect(timestamp).toMatch(/^\d{13}$/);
    // body + timestamp, as the endpoint's scheme says: the string, byte for byte, that was signed.
    expect(await page.textContent(`${block} pre.signed-string`)).toBe(`${body}${timestamp}`);
    const signature = computeSignature(KEY, 'body+timestamp', undefined, body, timestamp);
    expect(sent).toContain('authorization: (숨김 · hidden)');
    expect(sent).not.toContain(signature);
    await page.click(`${block} .toggle-authorization`);
    expect(await page.textContent(`${block} pre.sent-headers`)).toContain(`authorization: ${signature}`);
    await t.shot('inspector-authorization-shown');
    await page.click(`${block} .toggle-authorization`);
    expect(await page.textContent(`${block} pre.sent-headers`)).not.toContain(signature);

    const call = (await page.textContent(`${block} pre.call-line`)) ?? '';
    const curl = (await page.textContent(`${block} pre.curl-line`)) ?? '';
    const detail = (await page.textContent(`${block} details`)) ?? '';
    expect(detail).not.toContain(KEY);
    expect(call).toContain('--key "$CUSTLINK_KEY"');
    expect(curl).toContain('--key "$CUSTLINK_KEY"');
    // Pasted into a shell with the key in CUSTLINK_KEY, both find the same customer again.
    expect(await runLine(call)).toContain(HONG.masked);
    expect(JSON.parse(await runLine(curl))).toMatchObject({ data: { userName: HONG.masked } });
    expect(t.pageErrors).toEqual([]);
  });

  it('keeps the session history (time, API, status, agent message, ms, X-Request-Id) and exports it as JSON', async (ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    await lookUp(NOBODY_PHONE);
    expect(await page.textContent(`${block} .agent-line`)).toBe('회원정보 조회 결과가 없습니다.');
    const rows = await page.$$eval('#lookup-history tr[data-api]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([['회원정보', '400', '회원정보 조회 결과가 없습니다.'], ['회원정보', '200', '회원정보 조회 성공']]);
    for (const row of rows) {
      expect(row[0]).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(Number(row[4])).toBeGreaterThanOrEqual(0);
      expect(row[5]).not.toBe('');
    }
    await page.click(`${block} details summary`);
    expect(await page.textContent(`${block} code.request-id`)).toBe(rows[0]?.[5]);
    await t.shot('inspector-history');

    expect(await page.getAttribute('#lookup-history a.export-history', 'href')).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lookup-history a.export-history')]);
    expect(download.suggestedFilename()).toMatch(/^custlink-lookups-\d{8}-\d{6}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { lookups: Array<Record<string, unknown>> };
    expect(exported.lookups).toEqual([
      expect.objectContaining({ api: '회원정보', status: 200, agentMessage: '회원정보 조회 성공', requestId: rows[1]?.[5] }),
      expect.objectContaining({ api: '회원정보', status: 400, agentMessage: '회원정보 조회 결과가 없습니다.', requestId: rows[0]?.[5] }),
    ]);
    expect(JSON.stringify(exported)).not.toContain(HONG.phone);
    expect(t.pageErrors).toEqual([]);
  });
});
