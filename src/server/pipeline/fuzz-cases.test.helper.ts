/**
 * The fuzz's generated requests, as models: what is sent is built from the model (`fuzz-wire`),
 * and what the endpoint must answer is derived from the same model (`fuzz-oracle`), never from
 * the server.
 */
import fc from 'fast-check';

/** A JSON value in a body: a string (its decoded value) or JSON text of another type. */
export type Value = { t: 'str'; s: string } | { t: 'raw'; json: string; isNull: boolean };

interface Entry {
  key: string;
  value: Value;
}

export type BodyModel =
  /** An object; later duplicates of a key win (JSON.parse); `escape` spells every char as \uXXXX. */
  | { t: 'object'; entries: Entry[]; escape: boolean; pad: number }
  /** Valid JSON that is not an object. */
  | { t: 'notObject'; json: string }
  | { t: 'deep'; depth: number; shape: 'array' | 'object' }
  /** Text that is never JSON (empty, white space, or starting with a character no JSON starts with). */
  | { t: 'notJson'; text: string };

/** Byte-level damage: a BOM is stripped by the UTF-8 decoder, a second one is not white space. */
type Encoding = { t: 'plain' } | { t: 'bom' } | { t: 'bom2' } | { t: 'insert'; bytes: number[]; at: number };

type TimestampCase = 'fresh' | 'inside' | 'leadingZero' | 'spaced' | 'absent' | 'empty' | 'stale' | 'future' | 'seventeenDigits' | 'notDigits' | 'duplicated';

type AuthCase =
  | 'good'
  | 'goodUri'
  | 'spaced'
  | 'absent'
  | 'empty'
  | 'wrongKey'
  | 'otherBody'
  | 'otherTimestamp'
  | 'unpadded'
  | 'lowercased'
  | 'bearer'
  | 'garbage'
  | 'duplicatedGoodFirst'
  | 'duplicatedBadFirst';

/** A request the pool sends (well-formed HTTP, every field of the model possibly wrong). */
export interface RequestCase {
  t: 'request';
  path: string;
  method: string;
  /** Content-Type header lines in order; none: the header is left out. */
  contentType: string[];
  timestamp: TimestampCase;
  auth: AuthCase;
  /** `chunked`: no Content-Length, the body is counted as it arrives. */
  framing: 'length' | 'chunked';
  /** Header names in upper case: HTTP header names are case-insensitive. */
  shout: boolean;
  body: BodyModel;
  encoding: Encoding;
}

/** Malformed HTTP, sent on a raw socket: refused by the HTTP parser before the pipeline. */
export interface MalformedCase {
  t: 'malformed';
  kind: 'conflictingLengths' | 'lengthAndChunked' | 'badChunkSize' | 'headerWithoutColon' | 'lowercaseMethod' | 'spaceBeforeColon';
}

export type FuzzCase = RequestCase | MalformedCase;

export const KNOWN_PHONES = ['010-1234-5678', '010-2222-3333', '010-0000-0000'];

const str = (s: fc.Arbitrary<string>): fc.Arbitrary<Value> => s.map((s) => ({ t: 'str' as const, s }));
const raw = (json: string): Value => ({ t: 'raw', json, isNull: json === 'null' });

const phone = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_PHONES) },
  { weight: 3, arbitrary: fc.stringMatching(/^[0-9+-]{1,20}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{21,30}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '010\u00001234', "' OR 1=1 --", '٠١٠١٢٣٤', '010-1234-5678\n', '\ud800', 'a\udc00b', '１２３') },
);
const nation = fc.oneof(fc.constantFrom('korea', 'japan', 'KOREA', 'mars', '', 'korea\u0000', 'x'.repeat(11)), fc.string({ maxLength: 12 }));
const nonString = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-0', '1e400', '-1e400', '123456789012345678901234567890', '1.5e-400', '[]', '{}'),
  fc.constantFrom('["010-1234-5678"]', '{"callNum":"010-1234-5678"}', '[[[[[[[[[[1]]]]]]]]]]', '{"__proto__":{"callNum":"010-1234-5678"}}'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer({ min: 1, max: 3000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
);
const value = (s: fc.Arbitrary<string>): fc.Arbitrary<Value> => fc.oneof({ weight: 6, arbitrary: str(s) }, { weight: 1, arbitrary: nonString.map(raw) });

const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 8, arbitrary: value(phone).map((v) => ({ key: 'callNum', value: v })) },
  { weight: 4, arbitrary: value(nation).map((v) => ({ key: 'nation', value: v })) },
  {
    weight: 3,
    arbitrary: fc.record({
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'callnum', 'callNum ', ''), fc.string({ maxLength: 8 })),
      value: value(phone),
    }),
  },
);

const body: fc.Arbitrary<BodyModel> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ t: fc.constant('object' as const), entries: fc.array(entry, { maxLength: 5 }), escape: fc.boolean(), pad: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30_000 }) }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('notObject' as const), json: fc.oneof(nonString.filter((json) => !json.startsWith('{')), fc.constant('"010-1234-5678"')) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deep' as const), depth: fc.integer({ min: 1, max: 6_000 }), shape: fc.constantFrom('array' as const, 'object' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('notJson' as const), text: fc.oneof(fc.constantFrom('', ' ', '\r\n\t', "{'callNum':'1'}", 'callNum=010-1234-5678'), fc.string().map((s) => `x${s}`)) }) },
);

const INVALID_UTF8 = [[0xff], [0xc3], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff]];
const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ t: 'plain' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ t: 'bom' as const }, { t: 'bom2' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('insert' as const), bytes: fc.constantFrom(...INVALID_UTF8, [0x00]), at: fc.nat() }) },
);

/** Types a JSON body is sent with; see `contentTypeAccepted` for which of them pass. */
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON;Charset=UTF-8',
  'application/json; charset="utf-8"',
  'application/json;charset=utf8',
  'application/vnd.api+json',
  'application/problem+json; charset=utf-8',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'text/plain; charset=euc-kr',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];

const request: fc.Arbitrary<RequestCase> = fc.record({
  t: fc.constant('request' as const),
  path: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('/lookup', '/lookup?ticket=42&x=%00') }, { weight: 1, arbitrary: fc.constantFrom('/', '/lookup/', '/lookup//', '/Lookup', '//lookup', '/lookup%2F', '/lookupx', '/lookup;a=1', '/api/lookup') }),
  method: fc.oneof({ weight: 20, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
  contentType: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8').map((type) => [type]) },
    { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((type) => [type]) },
    { weight: 1, arbitrary: fc.constant(null).map((): string[] => []) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...CONTENT_TYPES), { minLength: 2, maxLength: 3 }) },
  ),
  timestamp: fc.oneof(
    { weight: 12, arbitrary: fc.constant('fresh' as const) },
    { weight: 3, arbitrary: fc.constantFrom<TimestampCase>('inside', 'leadingZero', 'spaced', 'absent', 'empty', 'stale', 'future', 'seventeenDigits', 'notDigits', 'duplicated') },
  ),
  auth: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<AuthCase>('good', 'goodUri') },
    { weight: 4, arbitrary: fc.constantFrom<AuthCase>('spaced', 'absent', 'empty', 'wrongKey', 'otherBody', 'otherTimestamp', 'unpadded', 'lowercased', 'bearer', 'garbage', 'duplicatedGoodFirst', 'duplicatedBadFirst') },
  ),
  framing: fc.oneof({ weight: 4, arbitrary: fc.constant('length' as const) }, { weight: 1, arbitrary: fc.constant('chunked' as const) }),
  shout: fc.boolean(),
  body,
  encoding,
});

const malformed: fc.Arbitrary<MalformedCase> = fc.record({
  t: fc.constant('malformed' as const),
  kind: fc.constantFrom('conflictingLengths', 'lengthAndChunked', 'badChunkSize', 'headerWithoutColon', 'lowercaseMethod', 'spaceBeforeColon'),
});

/** One generated request: mostly well-formed HTTP, a few malformed ones. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof({ weight: 60, arbitrary: request }, { weight: 1, arbitrary: malformed });
