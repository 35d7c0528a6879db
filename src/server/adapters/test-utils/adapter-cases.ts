import { KEY } from '../../harness.test.helper.js';
import type { Exchange } from './exchange.js';

/** The configs a case may need; each transport serves each one it is asked for, once. */
export const SERVERS = {
  plain: { limits: { bodyBytes: 256 } },
  allowIps: { allowIps: ['10.0.0.0/8'] },
  trustProxy: { listen: { host: '127.0.0.1', port: 0, path: '/lookup', trustProxy: true } },
  replay: { auth: { keys: [KEY], scheme: 'auto', replay: { store: 'memory' } } },
} satisfies Record<string, Record<string, unknown>>;

export type ServerName = keyof typeof SERVERS;

export interface AdapterCase {
  name: string;
  /** Default `plain`. */
  server?: ServerName;
  exchange: Exchange;
  status: number;
  /** The error envelope's code; absent: no error envelope. */
  code?: string;
  /** Response headers the answer must carry. */
  headers?: Record<string, string>;
  /** What the body must contain (`data`, or an ops answer). */
  json?: Record<string, unknown>;
  text?: RegExp;
  /** Not one of the endpoint's paths: behind a middleware or plugin the app's own 404 answers it. */
  appsPath?: true;
}

export const FOUND = '{"callNum":"010-1234-5678"}';
const BIG = JSON.stringify({ callNum: '010-1234-5678', pad: 'x'.repeat(400) });
const FAR = 600_000;
const OPS = ['/healthz', '/readyz', '/metrics'];
const FROM_OUTSIDE = { 'x-forwarded-for': '203.0.113.9' };

/**
 * One table for every transport: what the endpoint answers must not depend on how it is served.
 * Requests are signed now unless the case says otherwise.
 */
export const ADAPTER_CASES: readonly AdapterCase[] = [
  { name: 'found: 200 with the masked customer', exchange: { body: FOUND }, status: 200, json: { data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } }, headers: { 'content-type': 'application/json; charset=utf-8' } },
  { name: 'the API path typed with a trailing slash: 200', exchange: { path: '/lookup/', body: FOUND }, status: 200, json: { data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } } },
  { name: 'not found: 400 NOT_FOUND', exchange: { body: '{"callNum":"010-9999-9999"}' }, status: 400, code: 'NOT_FOUND' },
  { name: 'a signed body with no Content-Type: 200', exchange: { body: FOUND, headers: { 'content-type': undefined } }, status: 200, json: { data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } } },
  { name: 'an address outside allowIps: 403 IP_NOT_ALLOWED', server: 'allowIps', exchange: { body: FOUND }, status: 403, code: 'IP_NOT_ALLOWED' },
  { name: 'an unknown path outside allowIps: 403 IP_NOT_ALLOWED', server: 'allowIps', exchange: { path: '/nowhere', body: FOUND }, status: 403, code: 'IP_NOT_ALLOWED', appsPath: true },
  { name: 'an unknown path: 404 UNKNOWN_PATH', exchange: { path: '/lookup/extra', body: FOUND }, status: 404, code: 'UNKNOWN_PATH', appsPath: true },
  { name: 'GET: 405 METHOD_NOT_ALLOWED with Allow: POST', exchange: { method: 'GET' }, status: 405, code: 'METHOD_NOT_ALLOWED', headers: { allow: 'POST' } },
  { name: 'a form: 415 UNSUPPORTED_MEDIA_TYPE', exchange: { body: FOUND, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'JSON in EUC-KR: 415 UNSUPPORTED_MEDIA_TYPE', exchange: { body: FOUND, headers: { 'content-type': 'application/json; charset=euc-kr' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a declared length over the limit: 413 BODY_TOO_LARGE', exchange: { body: BIG }, status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'a streamed body over the limit: 413 BODY_TOO_LARGE', exchange: { body: BIG, chunked: true }, status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'a stale timestamp: 403 STALE', exchange: { body: FOUND, sign: { timestamp: Date.now() - FAR } }, status: 403, code: 'STALE' },
  { name: 'a future timestamp: 403 FUTURE', exchange: { body: FOUND, sign: { timestamp: Date.now() + FAR } }, status: 403, code: 'FUTURE' },
  { name: 'no signature: 403 MISSING_SIGNATURE', exchange: { body: FOUND, headers: { authorization: undefined } }, status: 403, code: 'MISSING_SIGNATURE' },
  { name: 'another key: 403 BAD_SIGNATURE', exchange: { body: FOUND, sign: { key: 'another-key-entirely-000' } }, status: 403, code: 'BAD_SIGNATURE' },
  { name: 'a body one byte off the signed one: 403 BAD_SIGNATURE', exchange: { body: FOUND.replace('}', ' }'), sign: { body: FOUND } }, status: 403, code: 'BAD_SIGNATURE' },
  { name: 'invalid JSON: 400 INVALID_JSON', exchange: { body: '{"callNum":' }, status: 400, code: 'INVALID_JSON' },
  { name: 'a missing item: 400 MISSING_ITEM', exchange: { body: '{"nation":"korea"}' }, status: 400, code: 'MISSING_ITEM' },
  ...OPS.map((path): AdapterCase => ({ name: `GET ${path} from loopback: 200`, exchange: { method: 'GET', path, sign: false }, status: 200, ...(path === '/metrics' ? { text: /^# HELP custlink_requests_total/m } : {}) })),
  ...OPS.map((path): AdapterCase => ({ name: `GET ${path} forwarded from outside ops.allowIps: 403 IP_NOT_ALLOWED`, server: 'trustProxy', exchange: { method: 'GET', path, sign: false, headers: FROM_OUTSIDE }, status: 403, code: 'IP_NOT_ALLOWED' })),
  { name: 'POST /healthz: 405 METHOD_NOT_ALLOWED with Allow: GET, HEAD', exchange: { path: '/healthz', body: FOUND }, status: 405, code: 'METHOD_NOT_ALLOWED', headers: { allow: 'GET, HEAD' } },
  { name: 'GET /healthz forwarded from a private network: 200', server: 'trustProxy', exchange: { method: 'GET', path: '/healthz', sign: false, headers: { 'x-forwarded-for': '10.1.2.3' } }, status: 200, json: { status: 'ok' } },
  { name: 'Expect: 100-continue on a request that passes: 200', exchange: { body: FOUND, expectContinue: true }, status: 200 },
  { name: 'Expect: 100-continue with a stale timestamp: 403 STALE', exchange: { body: FOUND, expectContinue: true, sign: { timestamp: Date.now() - FAR } }, status: 403, code: 'STALE' },
  { name: 'Expect: 100-continue with no signature: 403 MISSING_SIGNATURE', exchange: { body: FOUND, expectContinue: true, headers: { authorization: undefined } }, status: 403, code: 'MISSING_SIGNATURE' },
  { name: 'Expect: 100-continue over the limit: 413 BODY_TOO_LARGE', exchange: { body: BIG, expectContinue: true }, status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'Expect: 100-continue with a form: 415 UNSUPPORTED_MEDIA_TYPE', exchange: { body: FOUND, expectContinue: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
];
