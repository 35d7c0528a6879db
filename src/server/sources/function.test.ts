import { describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { parseConfig } from '../config/parse.js';
import { createEndpoint } from '../endpoint.js';
import { captureLogger, configValue, KEY } from '../harness.test.helper.js';
import type { Row } from '../types.js';
import { functionSource, type LookupContext, type LookupFunction } from './function.js';
import { openSource } from './index.js';
import { apiView } from '../config/apis.js';

const HONG: Row = { name: '홍길동', member_id: 1001, phone: '010-1234-5678' };
const KIM: Row = { name: '김철수', member_id: 1002, phone: '010-2222-3333' };

/**
 * An endpoint on a function source. The config's sqlite file does not exist: had the config's
 * source block been opened, `createEndpoint` would refuse to start.
 */
async function endpointWith(fn: LookupFunction, overrides: Record<string, unknown> = {}) {
  const capture = captureLogger();
  const config = parseConfig(configValue('/nonexistent/never-opened.sqlite', overrides), { env: {} });
  const endpoint = await createEndpoint(config, { source: functionSource(fn), logger: capture.logger });
  const ask = async (items: Record<string, string> = { callNum: '010-1234-5678' }) => {
    const body = JSON.stringify(items);
    const { authorization, timestamp } = signRequest({ key: KEY, body });
    const response = await endpoint.handle({
      method: 'POST',
      path: config.apis[0]!.path,
      headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp },
      remoteAddress: '127.0.0.1',
      readBody: async () => new TextEncoder().encode(body),
    });
    return { status: response.status, body: response.body, code: (JSON.parse(response.body) as { error?: { code: string } }).error?.code };
  };
  return { ask, log: () => capture.lines.join('\n'), close: () => endpoint.close() };
}

describe('source type function in the config', () => {
  it('validates, and is refused by serve (openSource) with a message saying how to pass the function', async () => {
    const config = parseConfig(configValue('unused.sqlite', { source: { type: 'function' } }), { env: {} });
    expect(config.apis[0]!.source).toEqual({ type: 'function', unique: false });
    await expect(openSource(apiView(config, config.apis[0]!))).rejects.toThrow(/source\.type: function: .*functionSource\(fn\)/);
  });
});

describe('functionSource through the endpoint', () => {
  it('answers 200 from a synchronous function, given the lookup items and the limit', async () => {
    const calls: [Readonly<Record<string, string>>, number][] = [];
    const e = await endpointWith((params, { limit }) => (calls.push([params, limit]), HONG));
    const answer = await e.ask({ callNum: '010-1234-5678', nation: 'korea' });
    await e.close();
    expect(answer.body).toBe('{"data":{"userName":"홍*동","id":"1001","phone":"010-****-5678"}}');
    expect(calls).toEqual([[{ callNum: '010-1234-5678', nation: 'korea' }, 1]]);
  });

  it('answers from an async function: the first of several rows, or NOT_UNIQUE with unique: true', async () => {
    const limits: number[] = [];
    const fn: LookupFunction = async (_p, { limit }) => (limits.push(limit), [KIM, HONG]);
    const first = await endpointWith(fn);
    const unique = await endpointWith(fn, { source: { type: 'function', unique: true } });
    const [a, b] = [await first.ask(), await unique.ask()];
    await Promise.all([first.close(), unique.close()]);
    expect([a.status, JSON.parse(a.body).data.userName]).toEqual([200, '김*수']);
    expect([b.status, b.code]).toEqual([400, 'NOT_UNIQUE']);
    expect(limits).toEqual([1, 2]);
  });

  it.each([['null', null], ['undefined', undefined], ['an empty array', []]])('answers 400 NOT_FOUND for %s', async (_, value) => {
    const e = await endpointWith(async () => value);
    const answer = await e.ask();
    await e.close();
    expect([answer.status, answer.code]).toEqual([400, 'NOT_FOUND']);
  });

  it.each([
    // The function's own message may quote lookup values: its class is logged, not its text.
    ['throws', () => { throw new Error('crm unreachable'); }, '"type":"Error"'],
    ['rejects', async () => { throw new Error('crm unreachable'); }, '"type":"Error"'],
    ['returns a string', () => 'oops' as unknown as Row, 'returned a string as a row'],
  ])('answers 500 SOURCE_ERROR when the function %s, and logs why', async (_, fn, cause) => {
    const e = await endpointWith(fn);
    const answer = await e.ask();
    await e.close();
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_ERROR']);
    expect(answer.body).not.toContain(cause);
    expect(e.log()).toContain(cause);
    expect(e.log()).not.toContain('crm unreachable');
  });

  it('answers 500 SOURCE_TIMEOUT on time even when the function ignores the signal', async () => {
    let context: LookupContext | undefined;
    const e = await endpointWith((_p, c) => ((context = c), new Promise<Row>((resolve) => setTimeout(() => resolve(HONG), 2000).unref())), { limits: { sourceTimeoutMs: 100 } });
    const started = Date.now();
    const answer = await e.ask();
    const elapsed = Date.now() - started;
    await e.close();
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_TIMEOUT']);
    expect(elapsed).toBeLessThan(1000);
    expect(context?.signal.aborted).toBe(true);
  });
});

describe('functionSource on its own', () => {
  it('returns at most limit rows', async () => {
    const source = functionSource(() => [HONG, KIM, HONG]);
    expect(await source.lookup({}, 2, new AbortController().signal)).toEqual([HONG, KIM]);
  });

  it('is ready by default, or when the ready callback resolves', async () => {
    await expect(functionSource(() => null).ready()).resolves.toBeUndefined();
    await expect(functionSource(() => null, { ready: async () => { throw new Error('down'); } }).ready()).rejects.toThrow('down');
  });

  it('runs the close callback once, however often it is closed', async () => {
    let closes = 0;
    const source = functionSource(() => null, { close: () => void closes++ });
    const endpoint = await createEndpoint(parseConfig(configValue('/nonexistent.sqlite'), { env: {} }), { source, logger: captureLogger().logger });
    await Promise.all([endpoint.close(), endpoint.close(), source.close()]);
    expect(closes).toBe(1);
  });
});
