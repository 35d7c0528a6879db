import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUND, KEY, MISSING, startEndpoint, trackServers } from '../../test-utils/servers.js';
import { runCheck } from '../run.js';
import { escapeHtml, renderHtml } from './html.js';
import { buildDocument } from './model.js';
import { buildPosture } from './posture.js';

// Debian's Chromium, never a browser downloaded by a test tool.
const CHROMIUM = '/usr/bin/chromium';
const MISSING_BROWSER = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
if (MISSING_BROWSER !== undefined && process.env.CI !== 'true') console.warn(`custlink check report: ${MISSING_BROWSER}; browser test skipped`);
// Kept for people to look at (gitignored).
const OUT = join(process.cwd(), 'test-results', 'check-report');

const track = trackServers();
let browser: Browser | undefined;

beforeAll(async () => {
  if (MISSING_BROWSER !== undefined) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(() => browser?.close());

describe('escapeHtml', () => {
  it('escapes markup and quotes, and shows control characters as escapes', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    expect(escapeHtml('a\x1b]0;x\x07b\nc')).toBe('a\\u001b]0;x\\u0007b\nc');
  });
});

describe.skipIf(MISSING_BROWSER !== undefined && process.env.CI !== 'true')('the HTML report in Chromium', () => {
  it('renders without JavaScript, fetches nothing but itself, logs no error, and prints to A4', async () => {
    if (!browser) throw new Error(MISSING_BROWSER);
    const endpoint = await track(startEndpoint());
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING, lookups: 30 });
    const config = {
      listen: { trustProxy: false },
      allowIps: ['10.0.0.0/8'],
      apis: [{ name: 'default', path: '/oc/customer', auth: { enabled: true, keys: [KEY], scheme: 'auto' }, result: { userName: { column: 'name', mask: 'name' as const }, id: { column: 'member_id' } } }],
      audit: { dir: '/var/lib/custlink/audit', key: 'audit-key', keepDays: 730, onFailure: 'refuse' },
    };
    const posture = buildPosture({ config, configText: 'x', configFile: 'custlink.yaml', url: endpoint.url, key: KEY, unmaskedLooking: [] });
    const file = join(OUT, 'check.html');
    writeFileSync(file, renderHtml(buildDocument(report, { lang: 'ko', generatedAt: new Date(), custlinkVersion: '0.1.0', key: KEY, posture })));
    const url = pathToFileURL(file).href;

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 1200 } });
    const requested: string[] = [];
    await context.route('**/*', (route) => {
      requested.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(url);

    await expect(page.locator('#verdict').textContent()).resolves.toBe('경고와 함께 통과');
    await expect(page.locator('#probes article.probe').count()).resolves.toBe(18);
    await expect(page.locator('#latency svg rect').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#latency svg').boundingBox().then((b) => b?.width)).resolves.toBeGreaterThan(100);
    await expect(page.locator('#posture').textContent()).resolves.toContain('730일 보관');
    await expect(page.locator('#posture').textContent()).resolves.toContain('10.0.0.0/8');
    await expect(page.locator('#agent-messages').textContent()).resolves.toContain('요청한 서버에 조회 권한이 없습니다.');
    // Styled by its own <style>: the verdict badge has its border, the page its A4 width.
    await expect(page.locator('#verdict').evaluate((e) => getComputedStyle(e).borderTopStyle)).resolves.toBe('solid');

    const shot = join(OUT, 'check.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    writeFileSync(join(OUT, 'check.pdf'), pdf);

    expect(requested).toEqual([url]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
