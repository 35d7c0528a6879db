import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './error.js';
import { parseConfig } from './parse.js';
import { STARTER_CONFIG } from './starter.js';

const ENV = { CUSTLINK_KEY: 'bf7769e5321448de88838cdb' };
const minimal = () => ({
  auth: { keys: ['${CUSTLINK_KEY}'] },
  lookup: { callNum: { required: true } },
  source: { type: 'sqlite', file: 'crm.sqlite', query: 'SELECT name FROM customers WHERE phone = :callNum' },
  result: { userName: 'name' },
});

/** The ConfigError message for a value, or a failure if it parses. */
function errorOf(value: unknown, env: Record<string, string> = ENV, file?: string): string {
  try {
    parseConfig(value, { env, ...(file ? { file } : {}) });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CUSTLINK_CONFIG');
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills in every default and substitutes ${ENV}', () => {
    const config = parseConfig(minimal(), { env: ENV });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8080, trustProxy: false });
    expect(config.apis).toHaveLength(1);
    expect(config.apis[0]).toMatchObject({ name: 'default', path: '/' });
    expect(config.apis[0]!.auth).toEqual({ enabled: true, keys: [ENV.CUSTLINK_KEY], scheme: 'auto', toleranceMs: 300_000 });
    expect(config.apis[0]!.lookup.callNum).toEqual({ required: true, maxLength: 256 });
    expect(config.apis[0]!.result.userName).toEqual({ column: 'name' });
    expect(config.apis[0]!.source).toMatchObject({ type: 'sqlite', unique: false });
    expect(config.limits).toEqual({ bodyBytes: 16_384, sourceTimeoutMs: 2_000, headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000, maxConnections: 4_096, drainIdleMs: 300, workerHeartbeatTimeoutMs: 10_000 });
    expect(config.log.level).toBe('info');
  });

  it('accepts the starter config custlink init writes', () => {
    const config = parseConfig(parse(STARTER_CONFIG), { env: ENV, file: '/srv/custlink/custlink.yaml' });
    expect(config.apis[0]!.source).toHaveProperty('file', '/srv/custlink/customers.sqlite');
    expect(Object.keys(config.apis[0]!.result)).toEqual(['userName', 'id']);
  });

  it('names the unset variable, the key path and the file', () => {
    expect(errorOf(minimal(), {}, 'custlink.yaml')).toBe('custlink.yaml: auth.keys[0]: environment variable CUSTLINK_KEY is not set');
  });

  it('keeps $${NAME} literal and reads env text as numbers and booleans', () => {
    const config = parseConfig({ ...minimal(), listen: { port: '${PORT}', trustProxy: '${PROXY}' }, result: { userName: '$${col}' } }, { env: { ...ENV, PORT: '9000', PROXY: 'true' } });
    expect(config.listen.port).toBe(9000);
    expect(config.listen.trustProxy).toBe(true);
    expect(config.apis[0]!.result.userName?.column).toBe('${col}');
  });

  it('reads ${file:PATH} beside the config at each load, less its final line break, and never echoes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-secret-'));
    try {
      const file = join(dir, 'custlink.yaml');
      writeFileSync(join(dir, 'custlink.key'), 'bf7769e5321448de88838cdb\n');
      const value = { ...minimal(), auth: { keys: ['${file:custlink.key}', '$${file:custlink.key}'] } };
      expect(parseConfig(value, { env: {}, file }).apis[0]!.auth.keys).toEqual(['bf7769e5321448de88838cdb', '${file:custlink.key}']);
      // A rotated key is there at the next load (a SIGHUP reload), unlike a variable's value.
      writeFileSync(join(dir, 'custlink.key'), '0123456789abcdef01234567');
      expect(parseConfig(value, { env: {}, file }).apis[0]!.auth.keys[0]).toBe('0123456789abcdef01234567');
      const missing = { ...minimal(), auth: { keys: ['${file:next.key}'] } };
      expect(errorOf(missing, {}, file)).toBe(`${file}: auth.keys[0]: cannot read ${join(dir, 'next.key')} for \${file:...} (ENOENT)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads ${file:${VAR}/name}, as systemd LoadCredential= hands a key over in $CREDENTIALS_DIRECTORY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-credentials-'));
    try {
      writeFileSync(join(dir, 'custlink.key'), 'bf7769e5321448de88838cdb\n', { mode: 0o600 });
      const value = { ...minimal(), auth: { keys: ['${file:${CREDENTIALS_DIRECTORY}/custlink.key}'] } };
      expect(parseConfig(value, { env: { CREDENTIALS_DIRECTORY: dir } }).apis[0]!.auth.keys).toEqual(['bf7769e5321448de88838cdb']);
      expect(errorOf(value, {})).toBe('config: auth.keys[0]: environment variable CREDENTIALS_DIRECTORY is not set');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires auth, and keys unless disabled explicitly', () => {
    const { auth: _auth, ...noAuth } = minimal();
    expect(errorOf(noAuth)).toBe('config: auth: is required');
    expect(errorOf({ ...minimal(), auth: {} })).toMatch(/auth\.keys: at least one key is required/);
    expect(parseConfig({ ...minimal(), auth: { enabled: false } }, { env: ENV }).apis[0]!.auth.enabled).toBe(false);
  });

  it('refuses a key with white space around it', () => {
    expect(errorOf({ ...minimal(), auth: { keys: ['abc '] } })).toMatch(/auth\.keys\[0\]: has leading or trailing white space/);
  });

  it('checks that every query parameter is a lookup item', () => {
    const source = (query: string) => ({ ...minimal(), source: { type: 'sqlite', file: 'x', query } });
    expect(errorOf(source('SELECT name FROM c WHERE phone = :phone'))).toMatch(/source\.query: uses :phone, which is not a lookup item \(lookup items: callNum\)/);
    expect(errorOf(source('SELECT name FROM c WHERE phone = ?'))).toMatch(/positional parameter/);
    expect(errorOf(source('SELECT name FROM c'))).toMatch(/has no named parameter/);
  });

  it('reads "?" as PostgreSQL\'s jsonb operator there, and as a positional parameter elsewhere', () => {
    const query = "SELECT name FROM c WHERE tags ? 'vip' AND phone = :callNum";
    const on = (type: string) => ({ ...minimal(), source: { type, url: `${type}://db.internal/crm`, query } });
    expect(parseConfig(on('postgres'), { env: ENV }).apis[0]!.source).toMatchObject({ type: 'postgres', query });
    expect(errorOf(on('mysql'))).toMatch(/positional parameter/);
    expect(errorOf({ ...minimal(), source: { type: 'postgres', url: 'postgres://db/crm', query: "SELECT name FROM c WHERE tags ? 'vip'" } })).toMatch(/has no named parameter/);
  });

  it('takes an IANA time zone for a SQL server source and refuses an abbreviation', () => {
    const on = (timeZone: string) => ({ ...minimal(), source: { type: 'postgres', url: 'postgres://db/crm', query: 'SELECT name FROM c WHERE phone = :callNum', timeZone } });
    expect(parseConfig(on('Asia/Seoul'), { env: ENV }).apis[0]!.source).toMatchObject({ timeZone: 'Asia/Seoul' });
    expect(errorOf(on('KST'))).toMatch(/source\.timeZone: must be an IANA time zone/);
  });

  it('names unknown keys, bad values and bad patterns by path', () => {
    const message = errorOf({
      ...minimal(),
      lookup: { callNum: { maxLenght: 3, pattern: '([' } },
      result: { userName: { column: 'name', mask: 'card' } },
      allowIps: ['10.0.0.0/8', '10.0.0.0/33'],
      log: { level: 'loud' },
    });
    expect(message).toContain('config: lookup.callNum.maxLenght: unknown key');
    expect(message).toMatch(/lookup\.callNum\.pattern: not a valid regular expression/);
    expect(message).toContain('result.userName.mask: must be phone, email, name or { keepFirst: N, keepLast: N }');
    expect(message).toContain('allowIps[1]: not an IP address or CIDR block');
    expect(message).toMatch(/log\.level: must be one of .*"info".*got "loud"/);
  });

  it('refuses item names that could reach a prototype, and an ops path as the API path', () => {
    expect(errorOf({ ...minimal(), lookup: JSON.parse('{"__proto__":{},"callNum":{}}') })).toMatch(/lookup\.__proto__: this name is reserved/);
    expect(errorOf({ ...minimal(), listen: { path: '/metrics' } })).toMatch(/listen\.path: \/metrics is reserved/);
  });
});

describe('parseConfig with apis', () => {
  const api = (name: string, path: string) => ({ name, path, ...minimal() });

  it('reads every entry as one API of its own, with absolute file paths and the shared keys once', () => {
    const config = parseConfig({ listen: { port: 9000 }, apis: [api('회원정보', '/members'), { ...api('주문정보', '/orders'), auth: { keys: ['another-key-000000000000'] } }] }, { env: ENV, file: '/srv/custlink/custlink.yaml' });
    expect(config.apis.map((a) => [a.name, a.path, a.auth.keys[0]])).toEqual([
      ['회원정보', '/members', ENV.CUSTLINK_KEY],
      ['주문정보', '/orders', 'another-key-000000000000'],
    ]);
    expect(config.apis[1]!.source).toHaveProperty('file', '/srv/custlink/crm.sqlite');
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 9000, trustProxy: false });
  });

  it('names the entry in every error: its key path, a duplicate path or name, an ops path', () => {
    const message = errorOf({
      apis: [
        api('회원정보', '/members'),
        { ...api('회원정보', '/members'), source: { type: 'sqlite', file: 'x', query: 'SELECT name FROM c WHERE phone = :phone' } },
        { ...api('주문정보', '/healthz'), lookup: { callNum: { maxLenght: 3 } } },
      ],
    });
    expect(message).toContain("config: apis[2].lookup.callNum.maxLenght: unknown key");
    // The entries that parse are checked across keys once every key is valid.
    expect(errorOf({ apis: [api('회원정보', '/members'), { ...api('회원정보', '/members'), source: { type: 'sqlite', file: 'x', query: 'SELECT name FROM c WHERE phone = :phone' } }, api('주문정보', '/healthz')] }).split('\n')).toEqual([
      'config: apis[1].path: "/members" is also apis[0]\'s path; each API needs its own',
      'config: apis[1].name: "회원정보" is also apis[0]\'s name; each API needs its own',
      'config: apis[1].source.query: uses :phone, which is not a lookup item (lookup items: callNum)',
      'config: apis[2].path: /healthz is reserved for operations (/healthz, /readyz, /metrics)',
    ]);
    expect(errorOf({ apis: [{ name: '', path: 'members', ...minimal() }] })).toMatch(/apis\[0\]\.name: must not be empty[\s\S]*apis\[0\]\.path: must start with "\/"/);
    expect(errorOf({ apis: [] })).toMatch(/apis: must list at least one API/);
  });

  it("refuses an API's keys at the top level beside apis, and listen.path", () => {
    const message = errorOf({ ...minimal(), listen: { path: '/x' }, apis: [api('회원정보', '/members')] });
    expect(message).toContain('config: source: belongs in each apis entry when apis is set');
    expect(message).toContain('config: auth: belongs in each apis entry when apis is set');
    expect(message).toContain('config: listen.path: belongs to the single-API form; with apis, each entry has its own path');
  });
});
