import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer as startRecorder, type TestServer as Recorder } from '../client/test-utils/servers.js';
import { MISSING, SKIPPED, openTestPage, type TestPage } from './test-utils/browser.js';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { apiSettings } from './test-utils/endpoint.js';

// 정보검색 → 조회 as an agent uses it: Enter, a busy button, and answers that come back out of order.
const FIRST = { callNum: '010-1111-1111', name: '첫번째고객' };
const SECOND = { callNum: '010-2222-2222', name: '두번째고객' };

let t: TestPage;
let page: Page;
let c: ConsoleUnderTest;
let endpoint: Recorder;
/** How the endpoint orders its two answers, set by each test. */
let order: 'first-answers-first' | 'first-answers-last' = 'first-answers-first';
let secondArrived: () => void = () => undefined;
let secondAnswered: () => void = () => undefined;

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function answer(res: ServerResponse, name: string): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { userName: name, id: name } }));
}

// The first lookup is held until the second has arrived, then answered before it (or after it),
// so both orders of the race happen every run, never by luck of timing.
async function handle(_req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const callNum = (JSON.parse(body.toString()) as { callNum?: string }).callNum;
  if (callNum === FIRST.callNum) {
    const gate = new Promise<void>((resolve) => (order === 'first-answers-first' ? (secondArrived = resolve) : (secondAnswered = resolve)));
    await gate;
    if (order === 'first-answers-last') await later(300);
    return answer(res, FIRST.name);
  }
  secondArrived();
  await later(order === 'first-answers-first' ? 500 : 50);
  answer(res, SECOND.name);
  secondAnswered();
}

beforeAll(async () => {
  if (MISSING !== undefined) return;
  [t, c, endpoint] = await Promise.all([openTestPage(), startTestConsole(), startRecorder((req, res, body) => void handle(req, res, body))]);
  page = t.page;
  const api = { ...apiSettings(endpoint.url), signing: false, key: '' };
  expect((await c.call('PUT', '/api/settings', { apis: [api] })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.browser.close();
  if (MISSING === undefined) await Promise.all([c.close(), endpoint.close()]);
});

const input = '#search-api-1-callNum';
const button = 'fieldset.search-api[data-api="api-1"] button.search';

/** Every customer name and agent line 고객정보 ever showed, recorded in the page as it changes. */
async function watchCustomerPanel(): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    const blocks = document.getElementById('customer-blocks')!;
    new MutationObserver(() => {
      for (const td of blocks.querySelectorAll('tr[data-item="userName"] td')) if (!seen.includes(td.textContent ?? '')) seen.push(td.textContent ?? '');
    }).observe(blocks, { subtree: true, childList: true, characterData: true });
  });
}

const seen = (): Promise<string[]> => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

async function raceTwoLookups(): Promise<void> {
  await page.goto(c.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#tab-ticket');
  await watchCustomerPanel();
  const before = endpoint.requests.length;
  await page.fill(input, FIRST.callNum);
  await page.press(input, 'Enter');
  // 조회 is disabled while the lookup runs and counts the time against the 3 s timeout.
  await page.waitForFunction((sel) => document.querySelector<HTMLButtonElement>(sel)?.disabled === true, button);
  await page.waitForFunction((sel) => /^조회 중… \d+\.\d초 \/ 3초$/.test(document.querySelector(sel)?.textContent ?? ''), button);
  // Enter again with the same value does not send it twice.
  await page.press(input, 'Enter');
  // The agent corrects the number and presses Enter: a new lookup while the first still runs.
  await page.fill(input, SECOND.callNum);
  await page.press(input, 'Enter');
  await page.waitForFunction((sel) => document.querySelector<HTMLButtonElement>(sel)?.disabled === false, button, { timeout: 5_000 });
  // Whatever comes back late must have come back by now.
  await later(600);
  expect(endpoint.requests.length - before).toBe(2);
}

describe('정보검색 in Chromium', () => {
  if (MISSING !== undefined && process.env.CI === 'true') {
    it('has Chromium in CI', () => {
      throw new Error(`${MISSING}: CI must run the browser test`);
    });
  }

  it.for(['first-answers-first', 'first-answers-last'] as const)('shows only the newer lookup, never a stale one (%s)', async (race, ctx) => {
    if (MISSING !== undefined) return ctx.skip(SKIPPED);
    order = race;
    await raceTwoLookups();
    expect(await page.textContent('section.api-block[data-api="api-1"] tr[data-item="userName"] td')).toBe(SECOND.name);
    expect(await seen()).toEqual([SECOND.name]);
    expect(await page.textContent(button)).toBe('조회');
    await t.shot(`lookup-race-${race}`);
    expect(t.pageErrors).toEqual([]);
  });
});
