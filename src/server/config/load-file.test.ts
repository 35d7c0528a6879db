import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './error.js';
import { loadConfigFile } from './load-file.js';
import { STARTER_CONFIG } from './starter.js';

const ENV = { CUSTLINK_KEY: 'bf7769e5321448de88838cdb' };

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves relative file paths against the config file directory', () => {
    const file = join(dir, 'custlink.yaml');
    writeFileSync(file, `${STARTER_CONFIG}\n`.replace('# tls: { cert: cert.pem, key: key.pem }', 'tls: { cert: tls/cert.pem, key: /etc/key.pem }'));
    const config = loadConfigFile(file, ENV);
    expect(config.apis[0]!.source).toHaveProperty('file', join(dir, 'customers.sqlite'));
    expect(config.listen.tls).toEqual({ cert: join(dir, 'tls/cert.pem'), key: '/etc/key.pem' });
  });

  it('names a missing file', () => {
    expect(() => loadConfigFile(join(dir, 'nope.yaml'), ENV)).toThrow(/nope\.yaml: file not found/);
  });

  it.each([
    ['an unclosed list', 'auth:\n  keys: [a\nlookup: {}\n', 'line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a misindented key', 'auth:\n  keys: [a]\n   enabled: true\n', 'line 3, column 1: All mapping items must start at the same column'],
  ])('reports a YAML syntax error (%s) as one clean line with its line and column', (_, text, expected) => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, text);
    const message = (() => {
      try {
        loadConfigFile(file, ENV);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toBe(`${file}: YAML syntax error at ${expected}`);
  });

  it('names a wrong or missing source type once', () => {
    const file = join(dir, 'source.yaml');
    writeFileSync(file, STARTER_CONFIG.replace(/^ {2}type: sqlite.*$/m, '  type: oracle'));
    expect(() => loadConfigFile(file, ENV)).toThrow(`${file}: source.type: must be sqlite, postgres, mysql, http or function, got "oracle"`);
    writeFileSync(file, STARTER_CONFIG.replace(/^ {2}type: sqlite.*$/m, ''));
    expect(() => loadConfigFile(file, ENV)).toThrow(`${file}: source.type: is required: sqlite, postgres, mysql, http or function`);
  });

  it('refuses duplicate keys', () => {
    const file = join(dir, 'dup.yaml');
    writeFileSync(file, 'auth: { enabled: false }\nauth: { enabled: true }\n');
    expect(() => loadConfigFile(file, ENV)).toThrow(ConfigError);
  });
});
