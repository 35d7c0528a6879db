import { describe, expect, it } from 'vitest';
import * as node from '../index.js';
import * as web from '../web.js';
import { loadVectors, SHARED_VECTORS_PATH, sharedVectorsMissing, type Vector } from './test-utils/vectors.js';

const vectors = loadVectors();
const sharedMissing = sharedVectorsMissing();
if (sharedMissing !== undefined) console.warn(`skipping the shared vectors comparison: ${sharedMissing}`);

describe('the repository copy of the signature vectors', () => {
  it.skipIf(sharedMissing !== undefined)('matches ../shared/vectors/signature.json', () => {
    expect(vectors).toEqual(loadVectors(SHARED_VECTORS_PATH));
  });
});

/** One byte flipped: the first byte of a string body, or a digit of the timestamp. */
function flipFirstChar(s: string): string {
  const c = s.charCodeAt(0);
  return String.fromCharCode(c ^ 1) + s.slice(1);
}

function flipSignature(sig: string): string {
  // Change a symbol that keeps the value well-formed Base64, so the comparison itself is tested.
  return (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
}

const entries = [
  ['node', node.signRequest, node.verifyRequest],
  ['web', web.signRequest, web.verifyRequest],
] as const;

describe.each(entries)('%s entry against the shared vectors', (_name, sign, verifySyncOrAsync) => {
  const verify = async (o: Parameters<typeof verifySyncOrAsync>[0]) => verifySyncOrAsync(o);
  it('covers the guide example and both schemes', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(vectors[0]?.key).toBe('bf7769e5321448de88838cdb');
    expect(new Set(vectors.map((v) => v.scheme))).toEqual(new Set(['body+timestamp', 'uri+body+timestamp']));
  });

  it.each(vectors.map((v) => [v.name, v] as [string, Vector]))('%s signs and verifies', async (_n, v) => {
    const signed = await sign({ key: v.key, body: v.body, timestamp: v.timestamp, uri: v.uri, scheme: v.scheme });
    expect(signed).toEqual({ authorization: v.authorization, timestamp: v.timestamp });
    const bytes = await sign({
      key: v.key,
      body: new TextEncoder().encode(v.body),
      timestamp: Number(v.timestamp),
      uri: v.uri,
      scheme: v.scheme,
    });
    expect(bytes.authorization).toBe(v.authorization);

    const base = { keys: [v.key], body: v.body, timestamp: v.timestamp, authorization: v.authorization, uri: v.uri };
    const now = Number(v.timestamp);
    await expect(verify({ ...base, scheme: v.scheme, now })).resolves.toEqual({ ok: true, scheme: v.scheme, keyIndex: 0 });
    await expect(verify({ ...base, scheme: 'auto', now })).resolves.toMatchObject({ ok: true, scheme: v.scheme });

    const fail = { ok: false, code: 'bad_signature' };
    if (v.body.length > 0) {
      await expect(verify({ ...base, body: flipFirstChar(v.body), scheme: v.scheme, now })).resolves.toMatchObject(fail);
    }
    await expect(verify({ ...base, body: v.body + ' ', scheme: v.scheme, now })).resolves.toMatchObject(fail);
    const ts = String(Number(v.timestamp) + 1);
    await expect(verify({ ...base, timestamp: ts, scheme: v.scheme, now })).resolves.toMatchObject(fail);
    const sig = flipSignature(v.authorization);
    await expect(verify({ ...base, authorization: sig, scheme: v.scheme, now })).resolves.toMatchObject(fail);
    await expect(verify({ ...base, keys: [flipFirstChar(v.key)], scheme: v.scheme, now })).resolves.toMatchObject(fail);
    if (v.scheme === 'uri+body+timestamp') {
      await expect(verify({ ...base, uri: v.uri + 'x', scheme: v.scheme, now })).resolves.toMatchObject(fail);
    }
  });
});
