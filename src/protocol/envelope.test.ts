import { describe, expect, it } from 'vitest';
import { agentMessage, dataEnvelope, errorEnvelope, parseResponseBody } from '../index.js';

describe('parseResponseBody', () => {
  it('reads the guide success and failure examples', () => {
    const ok = '{\n  "data": {\n    "userName": "test",\n    "id": "testId"\n    }\n}';
    expect(parseResponseBody(ok)).toEqual({ kind: 'data', data: { userName: 'test', id: 'testId' } });
    const fail = '{"error":{"code":911,"message":"Not existing user.","detail":null}}';
    expect(parseResponseBody(Buffer.from(fail))).toEqual({
      kind: 'error',
      error: { code: 911, message: 'Not existing user.', detail: null },
    });
  });

  it('accepts a string code and a missing detail', () => {
    const r = parseResponseBody('{"error":{"code":"NOT_FOUND","message":"조회 결과가 없습니다."}}');
    expect(r).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: '조회 결과가 없습니다.', detail: null } });
  });

  it('names what is wrong with a body that is not a protocol body', () => {
    const cases: [string, string][] = [
      ['', 'body is empty'],
      ['<html>502 Bad Gateway</html>', 'body is not JSON'],
      ['[1,2]', 'body is not a JSON object'],
      ['"data"', 'body is not a JSON object'],
      ['{}', 'neither'],
      ['{"data":[]}', '"data" is not an object'],
      ['{"data":{},"error":{}}', 'both'],
      ['{"error":"boom"}', '"error" is not an object'],
      ['{"error":{"code":null,"message":"x"}}', 'error.code'],
      ['{"error":{"code":1}}', 'error.message'],
    ];
    for (const [body, reason] of cases) {
      const r = parseResponseBody(body);
      expect(r.kind).toBe('invalid');
      expect(r.kind === 'invalid' && r.reason).toContain(reason);
    }
  });

  it('is not fooled by __proto__ keys', () => {
    const r = parseResponseBody('{"__proto__":{"data":{"x":"1"}}}');
    expect(r.kind).toBe('invalid');
    expect(({} as Record<string, unknown>).data).toBeUndefined();
  });
});

describe('envelopes', () => {
  it('serialise to the protocol shapes', () => {
    expect(JSON.stringify(dataEnvelope({ userName: '홍길동' }))).toBe('{"data":{"userName":"홍길동"}}');
    expect(JSON.stringify(errorEnvelope('NOT_FOUND', '조회 결과가 없습니다.'))).toBe(
      '{"error":{"code":"NOT_FOUND","message":"조회 결과가 없습니다.","detail":null}}',
    );
  });
});

describe('agentMessage', () => {
  it('gives the helpdesk messages of PROTOCOL.md', () => {
    expect(agentMessage(200).ko).toBe('조회 성공');
    expect(agentMessage(400).ko).toBe('조회 결과가 없습니다.');
    expect(agentMessage(403).ko).toBe('요청한 서버에 조회 권한이 없습니다.');
    expect(agentMessage(404).ko).toBe('요청한 서버에 에러가 있습니다.');
    expect(agentMessage(500).ko).toBe('오류가 발생하였습니다.');
    expect(agentMessage(403).en).toBe('No permission on the requested server.');
  });

  it('gives the 500 message for any other status', () => {
    for (const status of [0, 201, 302, 401, 413, 502, 503, 504]) expect(agentMessage(status)).toEqual(agentMessage(500));
  });
});
