import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { captureLogger, KEY } from '../harness.test.helper.js';
import { createMetrics } from '../ops/metrics.js';
import type { Source } from '../types.js';
import { openApis } from './open.js';

const api = (name: string, path: string, column: string) => ({
  name,
  path,
  auth: { keys: [KEY] },
  lookup: { callNum: { required: true, maxLength: 20 } },
  source: { type: 'function' },
  result: { userName: column },
});

function trackedSource(columns: string[]): Source & { closed: boolean } {
  const source = {
    closed: false,
    columns,
    lookup: async () => [],
    ready: async () => {},
    close: async () => {
      source.closed = true;
    },
  };
  return source;
}

describe('openApis', () => {
  it('opens all or none: a bad second API closes the first, and its error names its place in the file', async () => {
    const config = parseConfig({ listen: { host: '127.0.0.1', port: 0 }, apis: [api('회원정보', '/members', 'name'), api('주문정보', '/orders', 'nickname')] }, { env: {} });
    const members = trackedSource(['name']);
    const orders = trackedSource(['name']);
    const shared = { logger: captureLogger().logger, metrics: createMetrics(), ipAllowed: undefined };
    const opening = openApis(config, { sources: { 회원정보: members, 주문정보: orders } }, shared);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toMatchObject({ issues: [{ path: 'apis[1].result.userName' }] });
    expect(members.closed).toBe(true);
    expect(orders.closed).toBe(true);
  });

  it('gives each API its path and pipeline, in config order', async () => {
    const config = parseConfig({ listen: { host: '127.0.0.1', port: 0 }, apis: [api('회원정보', '/members', 'name'), api('주문정보', '/orders', 'name')] }, { env: {} });
    const shared = { logger: captureLogger().logger, metrics: createMetrics(), ipAllowed: undefined };
    const apis = await openApis(config, { sources: { 회원정보: trackedSource(['name']), 주문정보: trackedSource(['name']) } }, shared);
    expect(apis.map((a) => a.path)).toEqual(['/members', '/orders']);
    await Promise.all(apis.map((a) => a.close()));
  });
});
