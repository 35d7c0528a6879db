import { describe, expect, it } from 'vitest';
import { onlyApi } from '../config/apis.js';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { captureLogger, configValue, KEY } from '../harness.test.helper.js';
import type { Source } from '../types.js';
import { checkColumns, warnAtOpen } from './checks.js';

function apiConfig(overrides: Record<string, unknown> = {}) {
  return onlyApi(parseConfig(configValue('unused.sqlite', { source: { type: 'function' }, ...overrides }), { env: {} }));
}

function source(extra: Partial<Source> = {}): Source {
  return { lookup: async () => [], ready: async () => {}, close: async () => {}, ...extra };
}

describe('checkColumns', () => {
  it('names every result item whose column the query does not return, and the columns it does', () => {
    const config = apiConfig({ result: { userName: 'nickname', id: 'member_id', phone: 'mobile' } });
    let thrown: unknown;
    try {
      checkColumns(config, source({ columns: ['name', 'member_id', 'phone'] }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).issues).toEqual([
      { path: 'result.userName', message: 'column "nickname" is not in the query\'s result (it returns: name, member_id, phone)' },
      { path: 'result.phone', message: 'column "mobile" is not in the query\'s result (it returns: name, member_id, phone)' },
    ]);
  });

  it('passes a source that cannot tell its columns before a query', () => {
    expect(() => checkColumns(apiConfig({ result: { userName: 'nickname' } }), source())).not.toThrow();
  });
});

describe('warnAtOpen', () => {
  const warnings = async (overrides: Record<string, unknown>, from: Source = source()) => {
    const capture = captureLogger();
    await warnAtOpen(apiConfig(overrides), from, capture.logger, false);
    return capture.records().filter((r) => r.level === 40).map((r) => String(r.msg));
  };

  it('warns that an endpoint without auth verifies nothing', async () => {
    expect(await warnings({ auth: { enabled: false } })).toEqual([expect.stringContaining('requests are NOT verified')]);
  });

  it('warns of a key shorter than the helpdesk generates', async () => {
    expect(await warnings({ auth: { keys: [KEY, 'short-key'] } })).toEqual([expect.stringContaining('shorter than 16 characters')]);
  });

  it("logs the source's own warnings, and nothing for a sound config", async () => {
    expect(await warnings({})).toEqual([]);
    expect(await warnings({}, source({ warnings: ['no index on phone'] }))).toEqual(['no index on phone']);
  });
});
