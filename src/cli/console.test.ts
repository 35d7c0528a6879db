import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from './console.js';
import { runCli, startCliChild } from './test-utils/run-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: Readable.from([]),
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      env: {},
    },
  };
}

describe('custlink console', () => {
  it('starts with --port 0, prints its URL, serves the page and its script, and stops on SIGTERM', async () => {
    const child = await startCliChild(['console', '--port', '0'], /open (http:\/\/127\.0\.0\.1:\d+\/)/);
    const url = child.url;
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('API 설정');
      const script = await fetch(new URL('/assets/main.js', url));
      expect(script.headers.get('content-type')).toContain('javascript');
      expect(await script.text()).toContain("from './settings-form.js'");
    } finally {
      expect(await child.stop()).toBe(0);
    }
    expect(child.stdout()).toContain('in memory only');
  });

  it('prints its options with --help, and lists itself in custlink --help', async () => {
    const help = await runCli(['console', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--settings FILE');
    expect((await runCli(['--help'])).stdout).toMatch(/^\s+console\s+open a local page/m);
  });

  it('exits 2 on a bad flag or a bad port', async () => {
    const bogus = await runCli(['console', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^custlink console: .*--bogus/);
    const port = await runCli(['console', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number');
  });

  it('exits 2 naming the file when the settings file is not valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-console-cli-'));
    dirs.push(dir);
    const file = join(dir, 'console.json');
    writeFileSync(file, JSON.stringify({ url: 'ftp://x', signing: false }));
    const run = await runCli(['console', '--port', '0', '--settings', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: apis[0].url: The 기본 URL must start with https://`);
  });

  it('warns when it listens beyond loopback, because the page holds the key', async () => {
    const { io: streams, out } = io();
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const code = runConsole(['--host', '0.0.0.0', '--port', '0'], streams, { until, onListening: () => stop() });
    expect(await code).toBe(0);
    expect(out.stderr).toContain('WARNING: listening on 0.0.0.0, not loopback');
    expect(out.stdout).toMatch(/open http:\/\/0\.0\.0\.0:\d+\//);
  });
});
