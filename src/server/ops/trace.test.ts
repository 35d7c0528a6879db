import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse.js';
import { createEndpoint, type Endpoint } from '../endpoint.js';
import { answer, captureLogger, configValue, signedRequest, startTestServer } from '../harness.test.helper.js';
import { functionSource, type LookupFunction } from '../sources/function.js';

const BODY = '{"callNum":"010-1234-5678"}';
const PACKAGE_VERSION = (await import('../../../package.json', { with: { type: 'json' } })).default.version;

function functionConfig(overrides: Record<string, unknown> = {}) {
  return parseConfig(
    configValue('', {
      source: { type: 'function' },
      result: { userName: 'name' },
      limits: { sourceTimeoutMs: 50 },
      ...overrides,
    }),
    { env: {} },
  );
}

async function endpointWith(fn: LookupFunction, ready?: () => Promise<void>) {
  const capture = captureLogger();
  const endpoint = await createEndpoint(functionConfig(), { logger: capture.logger, source: functionSource(fn, ready === undefined ? {} : { ready }) });
  return { endpoint, ...capture };
}

function request(headers: Record<string, string | string[]> = {}, path = '/lookup', method = 'POST') {
  return signedRequest(BODY, headers, path, method);
}

const found: LookupFunction = () => ({ name: '홍길동' });

describe('X-Request-Id', () => {
  it('keeps a sane incoming id and replaces one with CR/LF, one over 128 characters, a repeated one', async () => {
    const { endpoint } = await endpointWith(found);
    try {
      const kept = await endpoint.handle(request({ 'x-request-id': 'lb-7f3a:2.x_y' }));
      expect(kept.headers['x-request-id']).toBe('lb-7f3a:2.x_y');
      expect((await endpoint.handle(request({ 'x-request-id': 'a'.repeat(128) }))).headers['x-request-id']).toBe('a'.repeat(128));
      const bad = ['a\r\nset-cookie: x=1', 'a'.repeat(129), '', 'has space', '<script>'];
      for (const incoming of bad) {
        const id = (await endpoint.handle(request({ 'x-request-id': incoming }))).headers['x-request-id'];
        expect(id).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
        expect(id).not.toBe(incoming);
      }
      const repeated = await endpoint.handle(request({ 'x-request-id': ['a', 'b'] }));
      expect(repeated.headers['x-request-id']).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
    } finally {
      await endpoint.close();
    }
  });

  it('is a new id per request when none is sent, on answers, refusals, 500s and ops paths alike', async () => {
    const { endpoint } = await endpointWith((params) => {
      if (params.callNum === '010-1234-5678') throw new Error('boom');
      return null;
    });
    try {
      const answers = await Promise.all([
        endpoint.handle(request()), // 500 SOURCE_ERROR
        endpoint.handle(request({ authorization: 'bad' })), // 403
        endpoint.handle(request({}, '/elsewhere')), // 404
        endpoint.handle(request({}, '/lookup', 'GET')), // 405
        endpoint.handle(request({}, '/healthz', 'GET')),
        endpoint.handle(request({}, '/metrics', 'GET')),
        endpoint.handle(request({}, '/metrics', 'POST')),
      ]);
      expect(answers.map((a) => a.status)).toEqual([500, 403, 404, 405, 200, 200, 405]);
      const ids = answers.map((a) => a.headers['x-request-id']);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
      expect(new Set(ids).size).toBe(ids.length);
      expect((await endpoint.handle(request({ 'x-request-id': 'trace-1' }, '/healthz', 'GET'))).headers['x-request-id']).toBe('trace-1');
    } finally {
      await endpoint.close();
    }
  });

  it('reaches the client through the node:http server', async () => {
    const s = await startTestServer(configValue('', { source: { type: 'function' }, result: { userName: 'name' } }), functionSource(found));
    try {
      const ok = await s.post(BODY, { headers: { 'x-request-id': 'from-the-lb' } });
      expect(ok.headers.get('x-request-id')).toBe('from-the-lb');
      const refused = await s.post(BODY, { sign: false });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
      expect((await answer(await fetch(`${s.origin}/readyz`))).headers.get('x-request-id')).toMatch(/-/);
    } finally {
      await s.close();
    }
  });
});

describe('the request log line', () => {
  it('has the id, method, path, API, status, code and duration, and no lookup value', async () => {
    const { endpoint, records, lines } = await endpointWith(found);
    try {
      await endpoint.handle(request({ 'x-request-id': 'trace-42' }));
      await endpoint.handle(request({}, '/elsewhere'));
      const logged = records().filter((r) => r.msg === 'request');
      expect(logged[0]).toMatchObject({ reqId: 'trace-42', method: 'POST', path: '/lookup', api: 'default', status: 200, code: 'OK', ip: '127.0.0.1' });
      expect(typeof logged[0]!.ms).toBe('number');
      expect(logged[1]).toMatchObject({ method: 'POST', pathLength: '/elsewhere'.length, status: 404, code: 'UNKNOWN_PATH' });
      expect(logged[1]).not.toHaveProperty('path');
      expect(logged[1]).not.toHaveProperty('api');
      expect(lines.join('')).not.toMatch(/1234|5678|홍길동/);
    } finally {
      await endpoint.close();
    }
  });
});

describe('expected failures in the log', () => {
  it('a source timeout is one warn line with the class and message, without a stack', async () => {
    const { endpoint, records } = await endpointWith((_, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    try {
      const response = await endpoint.handle(request({ 'x-request-id': 'slow-1' }));
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'SOURCE_TIMEOUT' } });
      const failures = records().filter((r) => r.reqId === 'slow-1' && r.msg !== 'request');
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ level: 40, msg: 'source lookup timed out', err: { type: 'SourceTimeoutError', message: 'the source did not answer within 50 ms' } });
      // pino writes an empty "stack" for an error without one; no call frame is in the line.
      expect(JSON.stringify(failures[0])).not.toMatch(/\\n\s+at /);
    } finally {
      await endpoint.close();
    }
  });

  it("a DOMException (an AbortSignal.timeout's) logs its name, message and code, never the constant table", async () => {
    const timedOut = async (): Promise<never> => {
      const signal = AbortSignal.timeout(1);
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw signal.reason as Error;
    };
    const { endpoint, records, lines } = await endpointWith(timedOut, timedOut);
    try {
      expect((await endpoint.handle(request({ 'x-request-id': 'dom-1' }))).status).toBe(500);
      expect((await endpoint.handle(request({}, '/readyz', 'GET'))).status).toBe(503);
      const failed = records().find((r) => r.reqId === 'dom-1' && r.msg === 'source lookup failed');
      const logged = { type: 'DOMException', code: 'TimeoutError', message: 'TimeoutError: The operation was aborted due to timeout' };
      expect(failed?.err).toMatchObject({ ...logged, source: 'function' });
      const unready = records().find((r) => r.msg === 'readiness check failed');
      expect(unready?.err).toMatchObject(logged);
      expect(lines.join('')).not.toMatch(/INDEX_SIZE_ERR|DATA_CLONE_ERR|\\n\s+at /);
    } finally {
      await endpoint.close();
    }
  });
});

describe('/metrics', () => {
  it('has the request duration by status class, the process metrics and custlink_build_info', async () => {
    const { endpoint } = await endpointWith(found);
    try {
      await endpoint.handle(request());
      await endpoint.handle(request({ authorization: 'bad' }));
      const text = await metricsText(endpoint);
      expect(text).toMatch(/custlink_request_duration_seconds_count\{status="2xx"\} 1\n/);
      expect(text).toMatch(/custlink_request_duration_seconds_count\{status="4xx"\} 1\n/);
      expect(text).toMatch(/custlink_request_duration_seconds_bucket\{le="\+Inf",status="2xx"\} 1\n/);
      expect(text).toMatch(/\nprocess_cpu_user_seconds_total \d/);
      expect(text).toMatch(/\nnodejs_eventloop_lag_seconds \d/);
      expect(text).toMatch(/\nprocess_resident_memory_bytes \d/);
      expect(text).toContain(`custlink_build_info{version="${PACKAGE_VERSION}"} 1\n`);
    } finally {
      await endpoint.close();
    }
  });

  it('registers the process metrics once however often an endpoint is made (a reload makes one)', async () => {
    const endpoints: Endpoint[] = [];
    for (let i = 0; i < 3; i++) endpoints.push((await endpointWith(found)).endpoint);
    try {
      for (const e of endpoints) expect((await metricsText(e)).match(/^# TYPE nodejs_heap_size_total_bytes /gm)).toHaveLength(1);
      expect(endpoints[0]!.registry.getSingleMetric('nodejs_eventloop_lag_seconds')).toBe(endpoints[2]!.registry.getSingleMetric('nodejs_eventloop_lag_seconds'));
    } finally {
      await Promise.all(endpoints.map((e) => e.close()));
    }
  });
});

async function metricsText(endpoint: Endpoint): Promise<string> {
  return (await endpoint.handle(request({}, '/metrics', 'GET'))).body;
}
