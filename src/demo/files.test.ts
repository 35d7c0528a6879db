import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../server/config/load-file.js';
import { prepareDemo } from './files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('prepareDemo', () => {
  it('creates a database, a key and a config that loads, and keeps the key across runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custlink-demo-files-'));
    dirs.push(dir);
    const first = prepareDemo({ dir, rows: 100, port: 9123 });
    expect(first.key).toMatch(/^[0-9a-f]{24}$/);
    expect(first.database.created).toBe(true);

    const config = loadConfigFile(first.configFile, { CUSTLINK_KEY: first.key });
    expect(config.listen.port).toBe(9123);
    expect(config.apis[0]!.auth.keys).toEqual([first.key]);
    expect(config.apis[0]!.source).toHaveProperty('file', first.database.file);
    expect(Object.keys(config.apis[0]!.result)).toEqual(
      expect.arrayContaining(['userName', 'id', 'userNo', 'userId', 'gameCode', 'cashReal', 'cashBonus', 'cashTotal']),
    );

    const second = prepareDemo({ dir, rows: 100, port: 9124 });
    expect(second.key).toBe(first.key);
    expect(second.database.created).toBe(false);
    expect(loadConfigFile(second.configFile, { CUSTLINK_KEY: second.key }).listen.port).toBe(9124);
  });
});
