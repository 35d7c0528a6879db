import { describe, expect, it } from 'vitest';
import { interpret } from './outcome.js';

const raw = (status: number, body: string, cause?: string) => ({
  status, headers: {}, body: Buffer.from(body), durationMs: 1, ...(cause ? { cause } : {}),
});

describe('interpret: what the agent sees', () => {
  it('shows 조회 성공 only for a 200 carrying data', () => {
    expect(interpret(raw(200, '{"data":{"userName":"test","id":"testId"}}'))).toMatchObject({
      ok: true, data: { userName: 'test', id: 'testId' }, agentMessage: { ko: '조회 성공' },
    });
  });

  it('shows the status message for an error envelope, with a numeric or string code', () => {
    expect(interpret(raw(400, '{"error":{"code":911,"message":"Not existing user.","detail":null}}'))).toMatchObject({
      ok: false, error: { code: 911 }, agentMessage: { ko: '조회 결과가 없습니다.' },
    });
    expect(interpret(raw(403, '{"error":{"code":"forbidden","message":"no","detail":"x"}}')).agentMessage.ko).toBe(
      '요청한 서버에 조회 권한이 없습니다.',
    );
    expect(interpret(raw(404, '{"error":{"code":"x","message":"m"}}')).agentMessage.ko).toBe('요청한 서버에 에러가 있습니다.');
  });

  it('shows the status message whatever the body, with a malformed body as the cause beside it', () => {
    expect(interpret(raw(404, '<html><body>404 Not Found</body></html>'))).toMatchObject({
      status: 404, ok: false, agentMessage: { ko: '요청한 서버에 에러가 있습니다.' }, cause: 'HTTP 404: body is not JSON',
    });
    expect(interpret(raw(400, ''))).toMatchObject({
      status: 400, agentMessage: { ko: '조회 결과가 없습니다.' }, cause: 'HTTP 400: body is empty',
    });
    expect(interpret(raw(403, ''))).toMatchObject({ status: 403, agentMessage: { ko: '요청한 서버에 조회 권한이 없습니다.' }, cause: 'HTTP 403: body is empty' });
    expect(interpret(raw(400, '{"data":{}}'))).toMatchObject({
      ok: false, agentMessage: { ko: '조회 결과가 없습니다.' }, cause: 'HTTP 400 with a "data" body; data must come with 200',
    });
  });

  it('shows the 500 message for unlisted statuses, a 200 without data and no answer', () => {
    const error = '오류가 발생하였습니다.';
    expect(interpret(raw(401, '{"error":{"code":"x","message":"m"}}')).agentMessage.ko).toBe(error);
    expect(interpret(raw(502, '<html>Bad Gateway</html>')).agentMessage.ko).toBe(error);
    expect(interpret(raw(200, '{"error":{"code":"x","message":"m"}}'))).toMatchObject({ ok: false, agentMessage: { ko: error } });
    expect(interpret(raw(200, '<html>ok</html>'))).toMatchObject({ ok: false, agentMessage: { ko: error }, cause: 'HTTP 200: body is not JSON' });
    expect(interpret(raw(0, '', 'timed out after 5 ms'))).toMatchObject({ status: 0, agentMessage: { ko: error }, cause: 'timed out after 5 ms' });
  });
});
