import { describe, expect, it } from 'vitest';
import { agentMessage } from '../../protocol/agent-message.js';
import type { LookupResult } from '../types.js';
import { exchangeOf, unmaskedLooking } from './describe.js';

describe('unmaskedLooking', () => {
  it('names the values that look like a whole phone number or e-mail address', () => {
    expect(unmaskedLooking({
      phone: '010-1234-5678', digits: '01012345678', intl: '+82 10-1234-5678', masked: '010-****-5678',
      email: 'hong@example.com', maskedEmail: 'h***@example.com', name: '홍길동', cash: '10000', id: 5,
    })).toEqual(['phone', 'digits', 'intl', 'email']);
  });
});

describe('exchangeOf', () => {
  it('shortens every data value that is not already masked, and cuts long bodies', () => {
    const result: LookupResult = {
      status: 200, ok: true, data: { userName: '홍*동', email: 'hong@example.com' }, agentMessage: agentMessage(200), headers: {},
      rawBody: '{"data":{"userName":"홍*동","email":"hong@example.com"}}', durationMs: 1,
      request: { method: 'POST', url: 'http://127.0.0.1/', headers: { authorization: 'BXKL…(44 chars)' }, body: 'x'.repeat(5000), bodyBytes: 5000 },
    };
    const shown = exchangeOf(result);
    expect(shown.response.body).toBe('{"data":{"userName":"홍*동","email":"hong…(16 chars)"}}');
    expect(shown.request.body).toBe(`${'x'.repeat(600)}…(5000 chars)`);
    expect(shown.request.headers.authorization).toBe('BXKL…(44 chars)');
  });
});
