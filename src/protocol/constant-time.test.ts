import * as nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signRequest } from './sign.js';
import { verifyRequest } from './verify.js';
import { verifyRequest as verifyWeb } from './web/verify.js';

// The decision must come from the constant-time compare and nothing else: with the compare
// forced to answer "equal", a wrong signature of the right shape is accepted, and forced to
// answer "different", the right one is refused. A `===` on the strings passes neither.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const KEY = 'bf7769e5321448de88838cdb';
const BODY = '{"callNum":"01012345678"}';
const T = 1_763_800_000_000;
const right = signRequest({ key: KEY, body: BODY, timestamp: T }).authorization;
const wrong = signRequest({ key: 'another-key-of-24-chars!', body: BODY, timestamp: T }).authorization;
const options = (authorization: string) => ({ keys: [KEY], body: BODY, timestamp: String(T), authorization, now: T });
const compare = vi.mocked(nodeCrypto.timingSafeEqual);

const real = await vi.importActual<typeof import('node:crypto')>('node:crypto');

afterEach(() => {
  compare.mockReset();
  compare.mockImplementation(real.timingSafeEqual);
  vi.restoreAllMocks();
});

describe('the signature compare is constant time', () => {
  it('node: the answer is timingSafeEqual\'s, over buffers of equal length even for a short signature', () => {
    compare.mockReturnValue(true);
    expect(verifyRequest(options(wrong))).toMatchObject({ ok: true });
    compare.mockReturnValue(false);
    expect(verifyRequest(options(right))).toMatchObject({ ok: false, code: 'bad_signature' });
    compare.mockClear();
    compare.mockImplementation((a, b) => a.byteLength === b.byteLength);
    verifyRequest(options(right.slice(0, 5)));
    expect(compare).toHaveBeenCalled();
    for (const [a, b] of compare.mock.calls) expect(a.byteLength).toBe(b.byteLength);
  });

  it('web: the answer is crypto.subtle.verify\'s', async () => {
    const subtleVerify = vi.spyOn(crypto.subtle, 'verify').mockResolvedValue(true);
    expect(await verifyWeb(options(wrong))).toMatchObject({ ok: true });
    subtleVerify.mockResolvedValue(false);
    expect(await verifyWeb(options(right))).toMatchObject({ ok: false, code: 'bad_signature' });
  });
});
