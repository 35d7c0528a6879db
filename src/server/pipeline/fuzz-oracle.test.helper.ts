/**
 * Turns a generated case into the bytes sent and the answer the endpoint owes, both from the
 * case's model. The expectation follows PROTOCOL.md, the test config (`configValue`) and the test
 * table (`CUSTOMERS`), plus how node:http reads headers (see `effective`).
 */
import { signRequest } from '../../protocol/sign.js';
import type { BodyModel, MalformedCase, RequestCase, Value } from './fuzz-cases.test.helper.js';
import { CUSTOMERS, KEY } from '../harness.test.helper.js';

/** What the endpoint must answer: the status, the envelope's code, and for a 200 the customer's id. */
export interface Expected {
  status: number;
  code: string;
  id?: string;
}

export interface Wire {
  method: string;
  path: string;
  /** Flat name/value list, so a header can be sent twice. */
  headers: string[];
  body: Buffer;
  chunked: boolean;
  expected: Expected;
}

/**
 * Which `Content-Type` values reach the body checks, written apart from content-type.ts so the
 * two can disagree: none, a JSON type (`application/json`, `text/json`, `application/*+json`),
 * `text/plain` or `application/octet-stream`, with no charset or UTF-8; 415 for anything else.
 */
function contentTypeAccepted(value: string | undefined): boolean {
  if (value === undefined) return true;
  const [type = '', ...params] = value.toLowerCase().split(';').map((p) => p.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/^"(.*)"$/, '$1');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return false;
  return ['', 'application/json', 'text/json', 'text/plain', 'application/octet-stream'].includes(type) || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

const STATUS: Record<string, number> = {
  OK: 200, INVALID_JSON: 400, BODY_NOT_OBJECT: 400, MISSING_ITEM: 400, ITEM_NOT_STRING: 400, ITEM_MALFORMED: 400,
  ITEM_TOO_LONG: 400, ITEM_NOT_ALLOWED: 400, ITEM_PATTERN_MISMATCH: 400, NOT_FOUND: 400, MALFORMED_HTTP: 400,
  MISSING_TIMESTAMP: 403, BAD_TIMESTAMP: 403, STALE: 403, FUTURE: 403, MISSING_SIGNATURE: 403, BAD_SIGNATURE: 403,
  UNKNOWN_PATH: 404, METHOD_NOT_ALLOWED: 405, BODY_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415,
};
const refused = (code: string): Expected => ({ status: STATUS[code]!, code });

const BODY_LIMIT = 16_384;
const TOLERANCE = 300_000;
const OTHER_KEY = 'a-key-the-helpdesk-never-had';
const SHAPED_BUT_WRONG = `${'A'.repeat(43)}=`;

/** The request for a well-formed case at `now`, with its expected answer. */
export function wire(c: RequestCase, now: number): Wire {
  const body = encode(c);
  const sent = timestampHeader(c, now);
  const signedTs = c.timestamp === 'leadingZero' ? `000${now}` : String(now + (c.timestamp === 'inside' ? -240_000 : 0));
  const sign = (key: string, bytes: Buffer, ts: string, uri?: string) =>
    signRequest({ key, body: bytes, timestamp: ts, ...(uri ? { uri, scheme: 'uri+body+timestamp' as const } : {}) }).authorization;
  const good = sign(KEY, body, signedTs);
  // Over the path as sent (less the query), as the helpdesk signs its 기본 URL's path.
  const goodUri = sign(KEY, body, signedTs, c.path.split('?')[0]!);
  const auth: Record<RequestCase['auth'], () => string[]> = {
    good: () => [good], goodUri: () => [goodUri], spaced: () => [` ${good} `], absent: () => [], empty: () => [''],
    wrongKey: () => [sign(OTHER_KEY, body, signedTs)], otherBody: () => [sign(KEY, Buffer.concat([body, Buffer.from(' ')]), signedTs)],
    otherTimestamp: () => [sign(KEY, body, String(now + 1))], unpadded: () => [good.replace(/=$/, '')], lowercased: () => [good.toLowerCase()],
    bearer: () => [`Bearer ${good}`], garbage: () => [SHAPED_BUT_WRONG], duplicatedGoodFirst: () => [good, SHAPED_BUT_WRONG], duplicatedBadFirst: () => [SHAPED_BUT_WRONG, good],
  };
  const authorization = auth[c.auth]();
  const name = (n: string) => (c.shout ? n.toUpperCase() : n);
  const headers = [
    ...c.contentType.flatMap((v) => [name('content-type'), v]),
    ...sent.flatMap((v) => [name('x-tc-timestamp'), v]),
    ...authorization.flatMap((v) => [name('authorization'), v]),
  ];
  const post = c.method === 'POST';
  const expected = expect(c, effective(c.contentType), effective(sent, ', '), effective(authorization), post ? body : Buffer.alloc(0), [good, goodUri]);
  return { method: c.method, path: c.path, headers, body: post ? body : Buffer.alloc(0), chunked: post && c.framing === 'chunked', expected };
}

/**
 * A header as node:http hands it over: surrounding white space trimmed; a repeated
 * Content-Type or Authorization keeps its first line, other repeated headers are joined.
 */
function effective(lines: string[], join?: string): string | undefined {
  if (lines.length === 0) return undefined;
  return join === undefined ? lines[0]!.trim() : lines.map((l) => l.trim()).join(join);
}

function timestampHeader(c: RequestCase, now: number): string[] {
  switch (c.timestamp) {
    case 'absent': return [];
    case 'empty': return [''];
    case 'inside': return [String(now - 240_000)];
    case 'leadingZero': return [`000${now}`];
    case 'spaced': return [`  ${now} `];
    case 'stale': return [String(now - TOLERANCE - 60_000)];
    case 'future': return [String(now + TOLERANCE + 60_000)];
    case 'seventeenDigits': return [`1${String(now).padStart(16, '0')}`];
    case 'notDigits': return [`${now}.0`];
    case 'duplicated': return [String(now), String(now)];
    default: return [String(now)];
  }
}

function expect(c: RequestCase, type: string | undefined, ts: string | undefined, auth: string | undefined, body: Buffer, signatures: string[]): Expected {
  // One trailing slash is the same path (the 기본 URL as admins type it); two are not.
  if (!['/lookup', '/lookup/'].includes(c.path.split('?')[0]!)) return refused('UNKNOWN_PATH');
  if (c.method !== 'POST') return refused('METHOD_NOT_ALLOWED');
  if (!contentTypeAccepted(type)) return refused('UNSUPPORTED_MEDIA_TYPE');
  if (ts === undefined || ts === '') return refused('MISSING_TIMESTAMP');
  if (!/^[0-9]{1,16}$/.test(ts)) return refused('BAD_TIMESTAMP');
  if (c.timestamp === 'stale') return refused('STALE');
  if (c.timestamp === 'future') return refused('FUTURE');
  if (auth === undefined || auth === '') return refused('MISSING_SIGNATURE');
  if (body.length > BODY_LIMIT) return refused('BODY_TOO_LARGE');
  if (!signatures.includes(auth)) return refused('BAD_SIGNATURE');
  if (c.encoding.t === 'insert' || c.encoding.t === 'bom2') return refused('INVALID_JSON');
  return expectBody(c.body);
}

function expectBody(model: BodyModel): Expected {
  if (model.t === 'notJson') return refused('INVALID_JSON');
  if (model.t === 'notObject' || (model.t === 'deep' && model.shape === 'array')) return refused('BODY_NOT_OBJECT');
  if (model.t === 'deep') return refused('MISSING_ITEM');
  // JSON.parse keeps the last of repeated keys; only own `callNum` and `nation` count.
  const last = (key: string) => model.entries.findLast((e) => e.key === key)?.value;
  const callNum = item(last('callNum'), { required: true, maxLength: 20, allowed: (v) => /^[0-9+-]+$/.test(v), refusal: 'ITEM_PATTERN_MISMATCH' });
  if (typeof callNum === 'object') return callNum;
  const nation = item(last('nation'), { required: false, maxLength: 10, allowed: (v) => v === 'korea' || v === 'japan', refusal: 'ITEM_NOT_ALLOWED' });
  if (typeof nation === 'object') return nation;
  const found = CUSTOMERS.filter((row) => row.phone === callNum && (nation === undefined || row.nation === nation))
    .sort((a, b) => (BigInt(a.member_id) < BigInt(b.member_id) ? -1 : 1));
  return found[0] === undefined ? refused('NOT_FOUND') : { status: 200, code: 'OK', id: String(found[0].member_id) };
}

interface ItemRule {
  required: boolean;
  maxLength: number;
  allowed: (value: string) => boolean;
  refusal: string;
}

function item(value: Value | undefined, rule: ItemRule): string | undefined | Expected {
  if (value === undefined || (value.t === 'raw' && value.isNull) || (value.t === 'str' && value.s === '')) return rule.required ? refused('MISSING_ITEM') : undefined;
  if (value.t === 'raw') return refused('ITEM_NOT_STRING');
  if (hasLoneSurrogate(value.s)) return refused('ITEM_MALFORMED');
  if (value.s.length > rule.maxLength) return refused('ITEM_TOO_LONG');
  return rule.allowed(value.s) ? value.s : refused(rule.refusal);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

/** The body bytes: the model's JSON text, then the encoding damage. */
function encode(c: RequestCase): Buffer {
  const bytes = Buffer.from(text(c.body), 'utf8');
  const e = c.encoding;
  if (e.t === 'bom') return Buffer.concat([BOM, bytes]);
  if (e.t === 'bom2') return Buffer.concat([BOM, BOM, bytes]);
  if (e.t === 'insert') {
    const at = e.at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(e.bytes), bytes.subarray(at)]);
  }
  return bytes;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function text(model: BodyModel): string {
  switch (model.t) {
    case 'notJson': return model.text;
    case 'notObject': return model.json;
    case 'deep': return model.shape === 'array' ? '['.repeat(model.depth) + ']'.repeat(model.depth) : '{"a":'.repeat(model.depth) + '1' + '}'.repeat(model.depth);
    default: {
      const quote = (s: string) => (model.escape ? `"${[...Array(s.length).keys()].map((i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(s));
      const members = model.entries.map((e) => `${quote(e.key)}:${e.value.t === 'str' ? quote(e.value.s) : e.value.json}`);
      if (model.pad > 0) members.push(`"pad":"${'x'.repeat(model.pad)}"`);
      return `{${members.join(',')}}`;
    }
  }
}

/** Malformed HTTP/1.1 for a raw socket; node:http refuses it before the endpoint sees it. */
export function malformedRequest(c: MalformedCase): { text: string; expected: Expected } {
  const head = 'POST /lookup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
  const text = {
    conflictingLengths: `${head}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    lengthAndChunked: `${head}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    badChunkSize: `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    headerWithoutColon: `${head}X-TC-Timestamp 1\r\nContent-Length: 2\r\n\r\n{}`,
    lowercaseMethod: head.replace('POST', 'post') + 'Content-Length: 2\r\n\r\n{}',
    spaceBeforeColon: `${head}Content-Length : 2\r\n\r\n{}`,
  }[c.kind];
  return { text, expected: refused('MALFORMED_HTTP') };
}
