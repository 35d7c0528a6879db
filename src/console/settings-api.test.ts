import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { apiSettings, consoleSettings, KEY } from './test-utils/endpoint.js';
import type { ApiError, ConsoleSettings, KeyView, SettingsView } from './types.js';

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

const publicOf = (settings: ConsoleSettings) => ({ apis: settings.apis.map(({ key: _key, ...rest }) => rest) });

describe('console settings API', () => {
  it('saves several APIs to a 0600 file, reads them back with keys masked, and reloads them on restart', async () => {
    const file = tempFile();
    const first = await consoleWith(file);
    const settings = { apis: [apiSettings('https://crm.example.com/oc/customer'), apiSettings('https://pay.example.com/oc', 'c0ffee00c0ffee00c0ffee00', 'api-2', '결제정보')] };
    const saved = await first.call<SettingsView>('PUT', '/api/settings', settings);
    expect(saved.status).toBe(200);

    const got = await first.call<SettingsView>('GET', '/api/settings');
    expect(got.json.apis).toEqual(publicOf(settings).apis);
    expect(got.json.keys['api-1']).toEqual({ set: true, masked: 'bf77•••', fingerprint: '63d82c4e' });
    expect(got.json.keys['api-2']?.masked).toBe('c0ff•••');
    expect(got.text).not.toContain(KEY);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(settings);

    // Saving again without keys keeps the saved ones: the page never holds them.
    const again = await first.call<SettingsView>('PUT', '/api/settings', { apis: publicOf(settings).apis.map((a) => ({ ...a, timeoutMs: 1500 })) });
    expect(again.json.keys['api-1']?.masked).toBe('bf77•••');
    expect(JSON.parse(readFileSync(file, 'utf8')).apis[1]).toMatchObject({ key: 'c0ffee00c0ffee00c0ffee00', timeoutMs: 1500 });

    await first.close();
    const second = await consoleWith(file);
    const reloaded = await second.call<SettingsView>('GET', '/api/settings');
    expect(reloaded.json.apis.map((a) => a.timeoutMs)).toEqual([1500, 1500]);
    expect([...first.log, ...second.log].join('\n')).not.toContain(KEY);
  });

  it('reads a settings file of the single-API console as one API, and writes the new shape on save', async () => {
    const file = tempFile();
    const { id: _id, name: _name, ...api } = apiSettings('http://127.0.0.1:1/');
    const old = { ...api, lookupItems: api.lookupItems.map(({ kind: _k, defaultValue: _d, channels: _c, ...item }) => item) };
    writeFileSync(file, JSON.stringify(old), { mode: 0o644 });
    const c = await consoleWith(file);
    const got = await c.call<SettingsView>('GET', '/api/settings');
    expect(got.json.apis).toHaveLength(1);
    expect(got.json.apis[0]).toMatchObject({ id: 'api-1', name: 'API 1', url: 'http://127.0.0.1:1/' });
    expect(got.json.apis[0]?.lookupItems[0]).toMatchObject({ kind: 'general', name: 'callNum', defaultValue: '', channels: [] });
    expect(got.json.keys['api-1']?.set).toBe(true);
    expect((await c.call('PUT', '/api/settings', { apis: got.json.apis })).status).toBe(200);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).apis[0].key).toBe(KEY);
  });

  it('예 makes a key at once for an unsaved API, shown once; 키 변경 replaces a saved key at once', async () => {
    const file = tempFile();
    const c = await consoleWith(file);
    const made = await c.call<KeyView>('POST', '/api/key', { api: 'api-9' });
    const key = made.json.generated ?? '';
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    const { key: _k, ...form } = apiSettings('http://127.0.0.1:2/', KEY, 'api-9', '새 API');
    expect((await c.call('PUT', '/api/settings', { apis: [form] })).status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8')).apis[0].key).toBe(key);
    const later = await c.call<SettingsView>('GET', '/api/settings');
    expect(later.json.keys['api-9']).toMatchObject({ set: true, masked: `${key.slice(0, 4)}•••` });
    expect(later.text).not.toContain(key);

    const changed = await c.call<KeyView>('POST', '/api/key', { api: 'api-9' });
    expect(changed.json.generated).not.toBe(key);
    expect(JSON.parse(readFileSync(file, 'utf8')).apis[0].key).toBe(changed.json.generated);
    expect((await c.call<KeyView>('POST', '/api/key/copy', { api: 'api-9' })).json.generated).toBe(changed.json.generated);
    expect(c.log.join('\n')).not.toContain(key);
  });

  it('refuses invalid settings with every field path and a Korean and English message, saving nothing', async () => {
    const c = await consoleWith();
    const before = await c.call('GET', '/api/settings');
    const bad = consoleSettings('ftp://crm.example.com/');
    const api = bad.apis[0]!;
    api.lookupItems[0]!.maxLength = 0;
    api.lookupItems[1]!.values = [];
    api.resultItems[1]!.name = 'userName';
    api.resultItems[2]!.name = '__proto__';
    api.resultItems[3]!.name = '';
    api.timeoutMs = 5;
    const answer = await c.call<ApiError>('PUT', '/api/settings', { apis: [{ ...api, key: 'has space' }] });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_settings');
    const issues = answer.json.error.issues ?? [];
    expect(issues.map((i) => i.path)).toEqual([
      'apis[0].url', 'apis[0].key', 'apis[0].timeoutMs', 'apis[0].lookupItems[0].maxLength', 'apis[0].lookupItems[1].values',
      'apis[0].resultItems[2].name', 'apis[0].resultItems[3].name', 'apis[0].resultItems[1].name',
    ]);
    for (const issue of issues) {
      expect(issue.ko).toMatch(/[가-힣]/);
      expect(issue.en).toMatch(/[a-z]/);
    }
    expect(issues.find((i) => i.path === 'apis[0].resultItems[3].name')).toMatchObject({ ko: '필수 입력입니다.', en: 'Required.' });
    expect(issues.find((i) => i.path === 'apis[0].resultItems[2].name')?.en).toContain('reserved');
    expect((await c.call('GET', '/api/settings')).text).toBe(before.text);
  });

  it('asks for a key when signing is on and none is set', async () => {
    const c = await consoleWith();
    const { key: _key, ...api } = apiSettings('http://127.0.0.1:9/', KEY, 'api-5');
    const answer = await c.call<ApiError>('PUT', '/api/settings', { apis: [api] });
    expect(answer.status).toBe(400);
    expect(answer.json.error.issues).toEqual([expect.objectContaining({ path: 'apis[0].key', ko: expect.stringContaining('암호화 키') })]);
  });
});
