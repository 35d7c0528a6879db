import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { consoleSettings, KEY } from './test-utils/endpoint.js';
import type { ApiError, SettingsView } from './types.js';

const open: ConsoleUnderTest[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function consoleWith(settingsFile?: string): Promise<ConsoleUnderTest> {
  const c = await startTestConsole(settingsFile === undefined ? {} : { settingsFile });
  open.push(c);
  return c;
}

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-console-settings-'));
  dirs.push(dir);
  return join(dir, 'console.json');
}

describe('console settings API', () => {
  it('saves settings to a 0600 file, reads them back with the key masked, and reloads them on restart', async () => {
    const file = tempFile();
    const first = await consoleWith(file);
    const settings = consoleSettings('https://crm.example.com/oc/customer');
    const saved = await first.call<SettingsView>('PUT', '/api/settings', settings);
    expect(saved.status).toBe(200);

    const got = await first.call<SettingsView>('GET', '/api/settings');
    const { key: _key, ...rest } = settings;
    expect(got.json.settings).toEqual(rest);
    expect(got.json.key).toEqual({ set: true, masked: 'bf77•••' });
    expect(got.text).not.toContain(KEY);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(settings);

    // Saving again without a key keeps the saved one: the page never holds it.
    const again = await first.call<SettingsView>('PUT', '/api/settings', { ...rest, timeoutMs: 1500 });
    expect(again.json.key.masked).toBe('bf77•••');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ key: KEY, timeoutMs: 1500 });

    await first.close();
    const second = await consoleWith(file);
    const reloaded = await second.call<SettingsView>('GET', '/api/settings');
    expect(reloaded.json.settings).toEqual({ ...rest, timeoutMs: 1500 });
    expect([...first.log, ...second.log].join('\n')).not.toContain(KEY);
  });

  it('tightens a settings file that was readable by others to 0600 on save', async () => {
    const file = tempFile();
    writeFileSync(file, JSON.stringify(consoleSettings('http://127.0.0.1:1/')), { mode: 0o644 });
    const c = await consoleWith(file);
    expect((await c.call('PUT', '/api/settings', { ...consoleSettings('http://127.0.0.1:2/'), key: '' })).status).toBe(200);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toBe(KEY);
  });

  it('키 생성 shows a new 24-character key once, stores it, and masks it afterwards', async () => {
    const file = tempFile();
    const c = await consoleWith(file);
    const made = await c.call<SettingsView>('POST', '/api/key', {});
    const key = made.json.key.generated ?? '';
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(made.json.key.masked).toBe(`${key.slice(0, 4)}•••`);
    const later = await c.call<SettingsView>('GET', '/api/settings');
    expect(later.json.key).toEqual({ set: true, masked: `${key.slice(0, 4)}•••` });
    expect(later.text).not.toContain(key);
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toBe(key);
    expect(c.log.join('\n')).not.toContain(key);
  });

  it('refuses invalid settings with every field path and a Korean and English message, saving nothing', async () => {
    const c = await consoleWith();
    const before = await c.call('GET', '/api/settings');
    const bad = consoleSettings('ftp://crm.example.com/');
    bad.lookupItems[0]!.maxLength = 0;
    bad.lookupItems[1]!.values = [];
    bad.resultItems[1]!.name = 'userName';
    bad.timeoutMs = 5;
    const answer = await c.call<ApiError>('PUT', '/api/settings', { ...bad, key: 'has space' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_settings');
    const paths = answer.json.error.issues?.map((i) => i.path);
    expect(paths).toEqual(['url', 'key', 'timeoutMs', 'lookupItems[0].maxLength', 'lookupItems[1].values', 'resultItems[1].name']);
    for (const issue of answer.json.error.issues ?? []) {
      expect(issue.ko).toMatch(/[가-힣]/);
      expect(issue.en).toMatch(/[a-z]/);
    }
    expect((await c.call('GET', '/api/settings')).text).toBe(before.text);
  });

  it('asks for a key when signing is on and none is set', async () => {
    const c = await consoleWith();
    const answer = await c.call<ApiError>('PUT', '/api/settings', { ...consoleSettings('http://127.0.0.1:9/'), key: undefined });
    expect(answer.status).toBe(400);
    expect(answer.json.error.issues).toEqual([expect.objectContaining({ path: 'key', ko: expect.stringContaining('키 생성') })]);
  });
});
