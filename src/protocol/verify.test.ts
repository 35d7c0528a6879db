import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as node from '../index.js';
import * as web from '../web.js';
import type { VerifyOptions } from './types.js';

const KEY = 'bf7769e5321448de88838cdb';
const OLD_KEY = '57ebb95f14db1ae1a1cb9b79';
const BODY = '{"callNum":"01012345678","nation":"korea"}';
const T = 1_763_800_000_000;
const sig = (key = KEY, ts: number | string = T, body = BODY) =>
  node.signRequest({ key, body, timestamp: ts }).authorization;

const entries = [
  ['node', async (o: VerifyOptions) => node.verifyRequest(o)],
  ['web', (o: VerifyOptions) => web.verifyRequest(o)],
] as const;

describe.each(entries)('verifyRequest (%s)', (_name, verify) => {
  const base = { keys: [KEY], body: BODY, timestamp: String(T), authorization: sig(), now: T };

  it('accepts exactly five minutes of skew either way and refuses one millisecond more', async () => {
    for (const skew of [300_000, -300_000]) {
      const ts = T - skew;
      const r = await verify({ ...base, timestamp: String(ts), authorization: sig(KEY, ts) });
      expect(r).toEqual({ ok: true, scheme: 'body+timestamp', keyIndex: 0 });
    }
    const old = T - 300_001;
    const stale = await verify({ ...base, timestamp: String(old), authorization: sig(KEY, old) });
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect(!stale.ok && stale.message).toContain('300001 ms old');
    expect(!stale.ok && stale.message).toContain('±300000 ms');
    const ahead = T + 300_001;
    const future = await verify({ ...base, timestamp: String(ahead), authorization: sig(KEY, ahead) });
    expect(future).toMatchObject({ ok: false, code: 'future' });
    expect(!future.ok && future.message).toContain('300001 ms ahead');
  });

  it('honours a custom tolerance', async () => {
    const ts = T - 10_001;
    const r = await verify({ ...base, timestamp: String(ts), authorization: sig(KEY, ts), toleranceMs: 10_000 });
    expect(r).toMatchObject({ ok: false, code: 'stale' });
  });

  it('refuses a missing or malformed timestamp before anything else', async () => {
    for (const timestamp of [undefined, null, '']) {
      expect(await verify({ ...base, timestamp })).toMatchObject({ ok: false, code: 'missing_timestamp' });
    }
    for (const timestamp of ['-1', '1.5', '17e11', ' 1763800000000', '0x10', '12345678901234567', '١٢٣']) {
      expect(await verify({ ...base, timestamp })).toMatchObject({ ok: false, code: 'bad_timestamp' });
    }
  });

  it('refuses a missing signature', async () => {
    for (const authorization of [undefined, null, '']) {
      expect(await verify({ ...base, authorization })).toMatchObject({ ok: false, code: 'missing_signature' });
    }
  });

  it('tells a malformed signature from a wrong one', async () => {
    const good = sig();
    const cases = [
      'Bearer ' + good,
      good.slice(0, -1), // no padding
      good + '=',
      Buffer.alloc(31).toString('base64'), // a 31-byte digest
      Buffer.alloc(33).toString('base64'),
      good.replace(/[A-Za-z]/, '*'),
    ];
    for (const authorization of cases) {
      const r = await verify({ ...base, authorization });
      expect(r).toMatchObject({ ok: false, code: 'bad_signature' });
      expect(!r.ok && r.message).toMatch(/not standard Base64|does not match/);
    }
    const wrong = await verify({ ...base, authorization: sig(OLD_KEY) });
    expect(wrong).toEqual({ ok: false, code: 'bad_signature', message: 'Authorization does not match the request' });
  });

  it('refuses a non-canonical Base64 spelling of the right digest, as the guide string compare does', async () => {
    const good = sig();
    const symbols = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = symbols.indexOf(good[42]!);
    const variant = good.slice(0, 42) + symbols[last + 1] + '=';
    expect(Buffer.from(variant, 'base64')).toEqual(Buffer.from(good, 'base64'));
    expect(await verify({ ...base, authorization: variant })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('never lets a non-ASCII character stand in for an ASCII one', async () => {
    const good = sig();
    for (let i = 0; i < good.length; i++) {
      // U+0100 + c keeps c as its low byte: read as latin1, the forgery would equal the signature.
      const aliased = good.slice(0, i) + String.fromCharCode(0x100 + good.charCodeAt(i)) + good.slice(i + 1);
      expect(Buffer.from(aliased, 'latin1').toString('latin1')).toBe(good);
      expect(await verify({ ...base, authorization: aliased })).toMatchObject({ ok: false, code: 'bad_signature' });
    }
  });

  it('accepts any key of the list and says which (rotation)', async () => {
    const r = await verify({ ...base, keys: [KEY, OLD_KEY], authorization: sig(OLD_KEY) });
    expect(r).toEqual({ ok: true, scheme: 'body+timestamp', keyIndex: 1 });
    expect(await verify({ ...base, keys: KEY })).toMatchObject({ ok: true, keyIndex: 0 });
    expect(await verify({ ...base, keys: [] })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('applies the scheme setting', async () => {
    const uri = '/api/customer';
    const uriSig = node.signRequest({ key: KEY, body: BODY, timestamp: T, uri, scheme: 'uri+body+timestamp' });
    const withUri = { ...base, uri, authorization: uriSig.authorization };
    expect(await verify(withUri)).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(await verify({ ...withUri, scheme: 'uri+body+timestamp' })).toEqual({
      ok: true,
      scheme: 'uri+body+timestamp',
      keyIndex: 0,
    });
    expect(await verify({ ...withUri, scheme: 'auto' })).toMatchObject({ ok: true, scheme: 'uri+body+timestamp' });
    expect(await verify({ ...base, uri, scheme: 'auto' })).toMatchObject({ ok: true, scheme: 'body+timestamp' });
    expect(await verify({ ...base, uri, scheme: 'uri+body+timestamp' })).toMatchObject({ ok: false });
    const { uri: _u, ...noUri } = withUri;
    expect(await verify({ ...noUri, scheme: 'uri+body+timestamp' })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('verifies the raw bytes, not a re-serialisation', async () => {
    const spaced = '{ "callNum" : "01012345678" }';
    const authorization = sig(KEY, T, spaced);
    expect(await verify({ ...base, body: spaced, authorization })).toMatchObject({ ok: true });
    expect(await verify({ ...base, body: JSON.stringify(JSON.parse(spaced)), authorization })).toMatchObject({
      ok: false,
    });
    expect(await verify({ ...base, body: Buffer.from(spaced), authorization })).toMatchObject({ ok: true });
  });

  it('round-trips random keys, Unicode bodies and timestamps (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }),
        fc.string({ maxLength: 300, unit: 'binary' }),
        fc.integer({ min: 0, max: 9_999_999_999_999 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('body+timestamp' as const, 'uri+body+timestamp' as const),
        async (key, body, ts, uri, scheme) => {
          const signed = node.signRequest({ key, body, timestamp: ts, uri, scheme });
          const webSigned = await web.signRequest({ key, body, timestamp: ts, uri, scheme });
          expect(webSigned).toEqual(signed);
          const bytes = Buffer.from(body.repeat(1 + (ts % 300)));
          const fromBytes = node.signRequest({ key, body: bytes, timestamp: ts, uri, scheme });
          expect(fromBytes).toEqual(await web.signRequest({ key, body: bytes, timestamp: ts, uri, scheme }));
          const r = await verify({ keys: [key], body, uri, scheme: 'auto', now: ts, ...signed });
          expect(r).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on garbage in any argument (property)', async () => {
    const garbage = fc.oneof(
      fc.anything(),
      fc.string({ unit: 'binary' }),
      fc.uint8Array(),
      fc.constantFrom(undefined, null, NaN, -1, Infinity, '', '0'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          keys: fc.oneof(garbage, fc.array(garbage)),
          body: garbage,
          timestamp: garbage,
          authorization: garbage,
          uri: garbage,
          scheme: garbage,
          toleranceMs: garbage,
          now: garbage,
        }),
        async (options) => {
          const r = await verify(options as unknown as VerifyOptions);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(typeof r.message).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('signRequest', () => {
  it('defaults the timestamp to now, in milliseconds', () => {
    const before = Date.now();
    const { timestamp } = node.signRequest({ key: KEY, body: BODY });
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(Date.now());
  });

  it('throws coded errors for the caller own mistakes', () => {
    const cases: [object, string][] = [
      [{ key: '', body: BODY }, 'CUSTLINK_INVALID_KEY'],
      [{ key: KEY, body: 42 }, 'CUSTLINK_INVALID_BODY'],
      [{ key: KEY, body: BODY, scheme: 'auto' }, 'CUSTLINK_INVALID_SCHEME'],
      [{ key: KEY, body: BODY, scheme: 'uri+body+timestamp' }, 'CUSTLINK_MISSING_URI'],
      [{ key: KEY, body: BODY, timestamp: 'soon' }, 'CUSTLINK_INVALID_TIMESTAMP'],
    ];
    for (const [options, code] of cases) {
      expect(() => node.signRequest(options as never)).toThrow(expect.objectContaining({ code }));
    }
  });
});

describe.each([
  ['node', node.generateKey],
  ['web', web.generateKey],
] as const)('generateKey (%s)', (_name, generateKey) => {
  it('makes distinct keys in the helpdesk format', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{24}$/);
  });

  it('makes longer keys on request and refuses silly lengths', () => {
    expect(generateKey({ length: 64 })).toMatch(/^[0-9a-f]{64}$/);
    expect(generateKey({ length: 33 })).toMatch(/^[0-9a-f]{33}$/);
    expect(() => generateKey({ length: 8 })).toThrow(/16 to 256/);
    expect(() => generateKey({ length: 1.5 })).toThrow(/16 to 256/);
  });
});
