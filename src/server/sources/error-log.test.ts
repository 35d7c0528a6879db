import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, configValue, makeDatabase } from '../harness.test.helper.js';
import { SourceError } from '../vocabulary/source-errors.js';
import { loggableSourceError } from '../vocabulary/error-log.js';
import { functionSource } from './function.js';
import { expectFailureLoggedSafely } from './test-utils/log-checks.js';

const VALUE = '01055551234567';
const BODY = JSON.stringify({ callNum: VALUE });

describe('a failed lookup is logged without the values bound', () => {
  const db = makeDatabase();
  let upstream: Server;
  let port = 0;
  beforeAll(async () => {
    // Answers 502 with the value in its body, as an upstream's error page may.
    upstream = createServer((req, res) => res.writeHead(502).end(`no member ${decodeURIComponent(req.url ?? '')}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    port = (upstream.address() as { port: number }).port;
  });
  afterAll(async () => {
    db.cleanup();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('sqlite: the code, not "bad JSON path: \'<value>\'"', async () => {
    const query = "SELECT json_extract('{}', :callNum) AS name, 1 AS member_id, '' AS phone, '' AS email";
    const s = await startTestServer(configValue(db.file, { source: { type: 'sqlite', file: db.file, query } }));
    try {
      expect((await s.post(BODY)).json.error?.code).toBe('SOURCE_ERROR');
      expectFailureLoggedSafely(s.lines, VALUE, 'bad JSON path', { type: 'SqliteError', source: 'sqlite', code: 'SQLITE_ERROR' });
    } finally {
      await s.close();
    }
  });

  it('http: the status, not the upstream\'s body', async () => {
    const source = { type: 'http', url: `http://127.0.0.1:${port}/members/{callNum}`, rows: '' };
    const s = await startTestServer(configValue(db.file, { source }));
    try {
      expect((await s.post(BODY)).json.error?.code).toBe('SOURCE_ERROR');
      expectFailureLoggedSafely(s.lines, VALUE, 'no member', { type: 'HttpSourceError', source: 'http', status: 502, message: expect.stringContaining('HTTP 502') as string });
    } finally {
      await s.close();
    }
  });

  it('function: the class and code of its error, not its message, even one posing as call frames', async () => {
    const source = functionSource((params) => {
      throw Object.assign(new Error(`no member ${params.callNum} in the crm\n    at ${params.callNum} (crm.js:1:1)`), { code: 'CRM_DOWN' });
    });
    const s = await startTestServer(configValue(db.file, { source: { type: 'function' } }), source);
    try {
      expect((await s.post(BODY)).json.error?.code).toBe('SOURCE_ERROR');
      const err = expectFailureLoggedSafely(s.lines, VALUE, 'in the crm', { type: 'Error', source: 'function', code: 'CRM_DOWN' });
      expect(err.stack).toContain('error-log.test.ts');
    } finally {
      await s.close();
    }
  });
});

describe('loggableSourceError', () => {
  it('keeps the message custlink words itself', () => {
    expect(loggableSourceError(new SourceError('the lookup function returned a string as a row'), 'function')).toMatchObject({
      type: 'SourceError',
      message: 'the lookup function returned a string as a row',
    });
  });

  it('names a thrown non-Error by its kind only', () => {
    expect({ ...loggableSourceError(VALUE, 'function') }).toEqual({ type: 'string', source: 'function', message: 'a thrown string, not an Error' });
  });

  it('keeps no header line of an error whose message changed after it was thrown', () => {
    const error = new Error(`no member ${VALUE}`);
    void error.stack;
    error.message = 'no member';
    expect(loggableSourceError(error, 'function').stack).toMatch(/^Error: Error \(its message is not logged[^\n]*\n\s+at /);
    expect(loggableSourceError(error, 'function').stack).not.toContain(VALUE);
    error.message = 'crm down';
    expect(loggableSourceError(error, 'function').stack).toBeUndefined();
  });
});
