import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestConsole, type ConsoleUnderTest } from './test-utils/console.js';
import { consoleSettings } from './test-utils/endpoint.js';
import type { ApiError, SettingsView } from './types.js';

const open: ConsoleUnderTest[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function consoleWith(): Promise<ConsoleUnderTest> {
  const c = await startTestConsole();
  open.push(c);
  return c;
}

describe('console API guards', () => {
  it('refuses requests another site could forge: wrong Origin, wrong Host, a non-JSON type', async () => {
    const c = await consoleWith();
    const settings = consoleSettings('http://127.0.0.1:9/');
    expect((await c.call('PUT', '/api/settings', settings, { origin: 'https://evil.example' })).status).toBe(403);
    // fetch never lets a caller set Host, so this one goes out through node:http.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(c.url + 'api/settings', { headers: { host: `rebind.example:${c.running.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(403);
    const plain = await c.call('PUT', '/api/settings', JSON.stringify(settings), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect((await c.call<SettingsView>('GET', '/api/settings')).json.keys['api-1']?.set).toBe(false);
  });

  it('answers bad JSON and unknown routes with a message, never a stack trace', async () => {
    const c = await consoleWith();
    const bad = await c.call<ApiError>('PUT', '/api/settings', '{"url":', {});
    expect(bad.status).toBe(400);
    expect(bad.json.error.message.ko).toBe('올바른 JSON이 아닙니다.');
    expect((await c.call('GET', '/api/nothing')).status).toBe(404);
    expect((await c.call('DELETE', '/api/settings')).status).toBe(405);
    expect(bad.text).not.toMatch(/at .*\.ts:\d+/);
  });
});
