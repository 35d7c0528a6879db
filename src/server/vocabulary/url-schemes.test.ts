import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { dialectOf } from '../catalog/index.js';
import { hasUrlScheme, urlSchemesText, URL_PROTOCOLS } from './url-schemes.js';

const base = { auth: { keys: ['k'.repeat(32)] }, lookup: { callNum: null }, source: { type: 'function' }, result: { id: 'id' } };

function problems(config: unknown): string[] {
  try {
    parseConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('URL_PROTOCOLS', () => {
  it('is what the config, the SQL sources and init --from-db accept, scheme by scheme', () => {
    for (const protocol of URL_PROTOCOLS.redis) {
      expect(problems({ ...base, cache: { store: 'redis', url: `${protocol}//127.0.0.1:6379`, key: 'c'.repeat(16) } })).toEqual([]);
    }
    for (const protocol of URL_PROTOCOLS.postgres) expect(dialectOf(`${protocol}//me@db/crm`)).toBe('postgres');
    for (const protocol of URL_PROTOCOLS.mysql) expect(dialectOf(`${protocol.toUpperCase()}//me@db/crm`)).toBe('mysql');
  });

  it('refuses another scheme, or one without "//", with the list in the message', () => {
    expect(problems({ ...base, auth: { keys: ['k'.repeat(32)], replay: { store: 'redis', url: 'http://127.0.0.1:6379' } } })).toEqual([
      'auth.replay.url: must be a redis:// or rediss:// URL',
    ]);
    expect(hasUrlScheme('redis:127.0.0.1', 'redis')).toBe(false);
    expect(hasUrlScheme('REDIS://127.0.0.1', 'redis')).toBe(false);
    expect(hasUrlScheme('REDIS://127.0.0.1', 'redis', true)).toBe(true);
    expect(urlSchemesText('http')).toBe('http:// or https://');
  });
});
