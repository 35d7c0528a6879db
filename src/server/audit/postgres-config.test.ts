import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { configValue } from '../harness.test.helper.js';
import { quoteTable } from './postgres-table.js';

const AUDIT_KEY = 'audit-key-0123456789abcdef0123456789abcdef';
const parse = (postgres: unknown, env: Record<string, string> = {}): ReturnType<typeof parseConfig> =>
  parseConfig(configValue('/tmp/x.sqlite', { audit: { dir: '/tmp/audit', key: AUDIT_KEY, postgres } }), { env });
const issues = (postgres: unknown): string => {
  try {
    parse(postgres);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
};

describe('audit.postgres in the config', () => {
  it('takes a postgres URL with ${ENV}, and custlink_audit as the default table', () => {
    const config = parse({ url: 'postgres://w:${PW}@db/audit' }, { PW: 'secret' });
    expect(config.audit?.postgres).toEqual({ url: 'postgres://w:secret@db/audit', table: 'custlink_audit' });
    expect(parse({ url: 'postgresql://db/a', table: 'audit.records' }).audit?.postgres?.table).toBe('audit.records');
  });

  it('refuses another URL scheme and a table name that is not plain', () => {
    expect(issues({ url: 'mysql://db/a' })).toContain('audit.postgres.url: must be a postgres:// or postgresql:// URL');
    expect(issues({ url: 'postgres://db/a', table: 'x; DROP TABLE y' })).toContain('audit.postgres.table');
    expect(issues({ url: 'postgres://db/a', extra: 1 })).toContain('extra');
  });

  it('quotes a table name, and refuses one the config would', () => {
    expect(quoteTable('audit.custlink_audit')).toBe('"audit"."custlink_audit"');
    expect(() => quoteTable('a"b')).toThrow(TypeError);
  });
});
