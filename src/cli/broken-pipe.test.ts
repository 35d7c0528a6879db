import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'custlink-broken-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custlink with its output piped into a reader that stops early', () => {
  it('ends quietly, with no stack trace, when `| head -1` closes the pipe', () => {
    const file = join(dir, 'crm.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE customers (phone TEXT, name TEXT); INSERT INTO customers VALUES ('01012345678', '홍길동')");
    db.close();
    const command = [process.execPath, '--import', 'tsx', BIN, 'init', '--from-db', file, '--table', 'customers', '--key', 'phone', '--yes', '--out', join(dir, 'custlink.yaml')]
      .map((a) => `'${a}'`)
      .join(' ');
    // The first line reaches head; the writes after it meet a closed pipe.
    const run = spawnSync('bash', ['-c', `${command} 2>${join(dir, 'stderr.txt')} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2; cat ${join(dir, 'stderr.txt')} >&2`], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^customers: 2 columns/);
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stderr).not.toContain('Unhandled');
    expect(run.stderr).toContain('exit=0');
  }, 30_000);
});
