import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXT, RAW_CONTROL } from './test-utils/hostile.js';
import { memoryIo } from './test-utils/memory-io.js';
import { FOUND, KEY, startEndpoint, startServer, trackServers } from '../client/test-utils/servers.js';
import { main } from './index.js';

const track = trackServers();

describe('custlink call', () => {
  it('prints the status, the agent message in Korean and English, the data and the time; exit 0', async () => {
    const endpoint = await track(startEndpoint());
    const { io, out } = memoryIo();
    const code = await main(['call', endpoint.url, '--key', KEY, 'callNum=01012345678', 'nation=korea'], io);
    expect(code).toBe(0);
    expect(out()).toMatch(/^status\s+200$/m);
    expect(out()).toMatch(/^agent \(ko\)\s+조회 성공$/m);
    expect(out()).toMatch(/^agent \(en\)\s+Lookup succeeded$/m);
    expect(out()).toMatch(/^time\s+[\d.]+ ms$/m);
    expect(out()).toMatch(/^userName\s+홍길동$/m);
    expect(endpoint.requests[0]!.body.toString()).toBe('{"callNum":"01012345678","nation":"korea"}');
  });

  it('exits 1 on an unknown customer and shows the error and the "no result" message', async () => {
    const endpoint = await track(startEndpoint());
    const { io, out } = memoryIo({ env: { CUSTLINK_KEY: KEY } });
    expect(await main(['call', endpoint.url, 'callNum=0100'], io)).toBe(1);
    expect(out()).toMatch(/^agent \(ko\)\s+조회 결과가 없습니다\.$/m);
    expect(out()).toMatch(/^error\s+code 911: Not existing user\.$/m);
  });

  it('prints one JSON object with --output json, Authorization redacted', async () => {
    const endpoint = await track(startEndpoint());
    const { io, out } = memoryIo();
    expect(await main(['call', endpoint.url, '--key', KEY, '--json', JSON.stringify(FOUND), '--output', 'json'], io)).toBe(0);
    const printed = JSON.parse(out());
    expect(printed).toMatchObject({ status: 200, ok: true, data: { userName: '홍길동' }, agentMessage: { en: 'Lookup succeeded' } });
    expect(printed.request.headers.authorization).toMatch(/^.{4}…\(44 chars\)$/);
    expect(out()).not.toContain(endpoint.requests[0]!.headers.authorization);
    expect(out()).not.toContain(KEY);
  });

  it('shows control characters of the answer as escapes, in the table and the error line; --output json stays exact', async () => {
    const data = { [`name${HOSTILE_TEXT}`]: HOSTILE_TEXT };
    const error = { code: `E${HOSTILE_TEXT}`, message: HOSTILE_TEXT, detail: HOSTILE_TEXT };
    for (const [status, answer] of [[200, { data }], [400, { error }]] as const) {
      const raw = JSON.stringify(answer);
      const endpoint = await track(startServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(raw)));
      const text = memoryIo();
      await main(['call', endpoint.url, '--key', KEY, 'callNum=1'], text.io);
      expect(text.out()).not.toMatch(RAW_CONTROL);
      expect(text.out()).toContain('a\\u001b]0;owned\\u0007b\\u001b[2Jc\\u000dd\\u009b31me\\u202ef\\u2028g');
      const json = memoryIo();
      await main(['call', endpoint.url, '--key', KEY, 'callNum=1', '--output', 'json'], json.io);
      const printed = JSON.parse(json.out());
      expect(printed.response.body).toBe(raw);
      expect(status === 200 ? printed.data : printed.error).toEqual(status === 200 ? data : error);
    }
  });

  it('escapes bidi and other invisible format characters (Cf) with --output json too, as the text mode does; the JSON value stays the same', async () => {
    const name = '\u202e홍길동\u200b\u2066x\u2069\u00ad\ufeff\u0085\u{e0001}';
    const raw = JSON.stringify({ data: { userName: name } });
    const endpoint = await track(startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(raw)));
    const json = memoryIo();
    await main(['call', endpoint.url, '--key', KEY, 'callNum=1', '--output', 'json'], json.io);
    expect(json.out()).not.toMatch(/[\p{Cf}\u0080-\u009f]/u);
    expect(json.out()).toContain('\\u202e홍길동\\u200b\\u2066x\\u2069\\u00ad\\ufeff\\u0085\\udb40\\udc01');
    expect(JSON.parse(json.out()).data).toEqual({ userName: name });
    const text = memoryIo();
    await main(['call', endpoint.url, '--key', KEY, 'callNum=1'], text.io);
    expect(text.out()).not.toMatch(/[\p{Cf}\u0080-\u009f]/u);
    expect(text.out()).toContain('\\u202e홍길동\\u200b');
  });

  it('sends --body-file bytes exactly as they are', async () => {
    const endpoint = await track(startEndpoint());
    const dir = await mkdtemp(join(tmpdir(), 'custlink-call-'));
    const body = '{ \n  "callNum":"01012345678",\n  "nation":"korea"\n}';
    await writeFile(join(dir, 'body.json'), body);
    try {
      const { io } = memoryIo();
      expect(await main(['call', endpoint.url, '--key', KEY, '--body-file', join(dir, 'body.json')], io)).toBe(0);
      expect(endpoint.requests[0]!.body.toString()).toBe(body);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('sends unsigned with a note when there is no key', async () => {
    const endpoint = await track(startEndpoint());
    const { io, out, err } = memoryIo();
    expect(await main(['call', endpoint.url, 'callNum=01012345678'], io)).toBe(1);
    expect(err()).toContain('unsigned');
    expect(out()).toMatch(/^status\s+403$/m);
    expect(endpoint.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('exits 1 with the cause when the endpoint does not answer in time', async () => {
    const endpoint = await track(startServer(() => undefined, { readBody: false }));
    const { io, out } = memoryIo();
    expect(await main(['call', endpoint.url, '--key', KEY, '--timeout', '100', 'callNum=1'], io)).toBe(1);
    expect(out()).toMatch(/^status\s+0 \(no HTTP answer\)$/m);
    expect(out()).toMatch(/^cause\s+timed out after 100 ms$/m);
  });

  it.each([
    [['call'], 'URL is required'],
    [['call', 'http://127.0.0.1:1/'], 'give lookup items'],
    [['call', 'http://127.0.0.1:1/', 'callNum'], 'name=value'],
    [['call', 'http://127.0.0.1:1/', 'a=1', '--json', '{}'], 'only one of'],
    [['call', 'http://127.0.0.1:1/', '--json', '[1]'], 'JSON object'],
    [['call', 'http://127.0.0.1:1/', '--body-file', '/nonexistent/x.json'], 'ENOENT'],
    [['call', 'ftp://x/', 'a=1'], 'https: or http:'],
    [['call', 'http://127.0.0.1:1/', 'a=1', '--timeout', 'soon'], '--timeout'],
    [['call', 'http://127.0.0.1:1/', 'a=1', '--scheme', 'md5'], '--scheme'],
    [['call', 'http://127.0.0.1:1/', 'a=1', '--output', 'xml'], '--output'],
    [['call', 'http://127.0.0.1:1/', 'a=1', '--key', ''], '--key is empty'],
  ])('exits 2 with one line for a usage error: %j', async (argv, message) => {
    const { io, err, out } = memoryIo();
    expect(await main(argv, io)).toBe(2);
    expect(err()).toContain(message);
    expect(err().trimEnd().split('\n')).toHaveLength(1);
    expect(out()).toBe('');
  });
});
