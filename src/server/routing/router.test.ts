import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { createEndpoint } from '../endpoint.js';
import { captureLogger, configValue, signedRequest } from '../harness.test.helper.js';
import { functionSource } from '../sources/function.js';
import { createRouter } from './router.js';

describe('createRouter', () => {
  it('takes one trailing slash more or less as the same path, and nothing else', () => {
    const route = createRouter(['/oc', '/v2/']);
    expect(['/oc', '/oc/', '/v2/', '/v2', '/metrics', '/metrics/'].map(route)).toEqual(['api', 'api', 'api', 'api', 'ops', 'ops']);
    expect(['/oc//', '/v2//', '//oc', '/OC', '/o', '/', '//'].map(route)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(['/oc/', '/v2', '/healthz/'].map(route.configured)).toEqual(['/oc', '/v2/', '/healthz']);
    const root = createRouter(['/']);
    expect(['/', '//', ''].map(root)).toEqual(['api', undefined, 'api']);
  });
});

async function endpointAt(path: string) {
  const capture = captureLogger();
  const config = parseConfig(
    configValue('', { listen: { host: '127.0.0.1', port: 0, path }, source: { type: 'function' }, result: { userName: 'name' } }),
    { env: {} },
  );
  const endpoint = await createEndpoint(config, { logger: capture.logger, source: functionSource(() => ({ name: '홍길동' })) });
  return { endpoint, ...capture };
}

const BODY = '{"callNum":"010-1234-5678"}';

describe('the endpoint routes', () => {
  it("answers the API path typed with or without a trailing slash (the helpdesk's 기본 URL as admins type it), and signs the path as sent", async () => {
    for (const [configured, sent] of [['/oc', '/oc/'], ['/oc/', '/oc'], ['/oc', '/oc']] as const) {
      const e = await endpointAt(configured);
      try {
        const response = await e.endpoint.handle(signedRequest(BODY, {}, sent));
        expect({ configured, sent, status: response.status, body: response.body }).toEqual({ configured, sent, status: 200, body: '{"data":{"userName":"홍길동"}}' });
        expect((await e.endpoint.handle(signedRequest(BODY, {}, `${configured}/`.replace(/\/+$/, '//')))).status).toBe(404);
      } finally {
        await e.endpoint.close();
      }
    }
  });

  it('logs an unknown path as its length and a short hash, never the text (it may hold a phone number); known paths as they are', async () => {
    const e = await endpointAt('/oc');
    try {
      const response = await e.endpoint.handle(signedRequest(BODY, {}, '/sq/010-7700-0010'));
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'UNKNOWN_PATH' } });
      await e.endpoint.handle(signedRequest(BODY, {}, '/oc'));
      const lines = e.records().filter((r) => r.msg === 'request');
      expect(lines[0]).toMatchObject({ code: 'UNKNOWN_PATH', pathLength: 17, pathHash: expect.stringMatching(/^[0-9a-f]{12}$/) });
      expect(lines[0]).not.toHaveProperty('path');
      expect(lines[1]).toMatchObject({ code: 'OK', path: '/oc' });
      const all = e.lines.join('\n');
      expect(all).not.toMatch(/7700|0010|77000010/);
    } finally {
      await e.endpoint.close();
    }
  });
});
