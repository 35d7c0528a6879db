import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import { causeHints } from './diagnose-cause.js';
import { forbiddenHints } from './diagnose-forbidden.js';
import { apiSettings, KEY } from './test-utils/endpoint.js';

const SENT = Date.parse('2026-01-01T10:00:00Z');
const answer = (code: string, date: string) => ({ headers: { date }, durationMs: 20, error: { code, message: 'm', detail: null } });

describe('forbiddenHints: which check most likely refused a 403', () => {
  it('names the clock first when the Date header is minutes off, with the offset', () => {
    const hints = forbiddenHints(answer('STALE', 'Thu, 01 Jan 2026 10:07:00 GMT'), apiSettings('http://x/'), SENT);
    expect(hints[0]?.ko).toContain('약 420초 빠릅니다');
    expect(hints[0]?.en).toContain('420 s ahead of');
  });

  it('does not blame the clock when the Date header agrees, and names the key by fingerprint and the scheme', () => {
    const hints = forbiddenHints(answer('BAD_SIGNATURE', 'Thu, 01 Jan 2026 10:00:00 GMT'), apiSettings('http://x/'), SENT);
    expect(hints.map((h) => h.en.split(':')[0])).toEqual(['Key', 'Scheme']);
    expect(hints[0]?.ko).toContain(keyFingerprint(KEY));
    expect(hints.join()).not.toContain(KEY);
  });

  it('names the IP allowlist for IP_NOT_ALLOWED, and a missing signature when signing is off', () => {
    expect(forbiddenHints(answer('IP_NOT_ALLOWED', ''), apiSettings('http://x/'), SENT)[0]?.en).toMatch(/^IP allowlist/);
    expect(forbiddenHints(answer('MISSING_SIGNATURE', ''), { ...apiSettings('http://x/'), signing: false }, SENT)[0]?.ko).toContain('서명 없이');
  });
});

describe('causeHints: the technical cause in Korean and English', () => {
  it('explains a refused connection, a timeout and a non-JSON body', () => {
    expect(causeHints({ status: 0, cause: 'connection refused (x) [ECONNREFUSED] 127.0.0.1:9', headers: {} })[0]?.ko).toContain('연결이 거부되었습니다');
    expect(causeHints({ status: 0, cause: 'timed out after 3000 ms', headers: {} })[0]?.en).toContain('did not answer in time');
    expect(causeHints({ status: 404, cause: 'HTTP 404: body is not JSON', headers: { 'content-type': 'text/html' } })[0]?.en).toContain('text/html');
  });
});
