/** Debian's Chromium driven by playwright-core for the console's page tests. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

// Debian's Chromium, never a browser downloaded by a test tool.
const CHROMIUM = '/usr/bin/chromium';
/** Why the browser tests cannot run here, or undefined when they can. */
export const MISSING = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`;
export const SKIPPED = `${MISSING}; browser tests skipped`;
if (MISSING !== undefined && process.env.CI !== 'true') console.warn(`custlink console: ${SKIPPED}`);
// Kept for people to look at (gitignored), one file per state the test reaches.
const SHOTS = join(process.cwd(), 'test-results', 'console');

/** A headless page, with the page errors it raised (a script crash, a CSP violation). */
export interface TestPage {
  browser: Browser;
  page: Page;
  pageErrors: string[];
  /** A full-page screenshot under test-results/console/. */
  shot(name: string): Promise<void>;
}

/**
 * Starts Chromium with one page whose default timeout is short, so a missing element fails with
 * its selector named well before the test's own timeout.
 *
 * @example
 * const t = await openTestPage({ width: 1280, height: 900 });
 * await t.page.goto(console.url);
 */
export async function openTestPage(viewport = { width: 1280, height: 900 }): Promise<TestPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(5_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    browser,
    page,
    pageErrors,
    async shot(name) {
      const file = join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(5_000);
    },
  };
}

/** The block of one API in 부가정보 → 고객정보, by its API 이름. */
export const apiBlock = (name: string): string => `section.api-block:has(h3:text-is("${name}"))`;
