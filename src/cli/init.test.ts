import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from './command.js';
import { main } from './index.js';

function testIo(): { io: Io; err: () => string } {
  let err = '';
  const io: Io = { stdin: Readable.from([]), stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env: {} };
  return { io, err: () => err };
}

describe('custlink init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a commented starter config and refuses to overwrite it without --force', async () => {
    const out = join(dir, 'custlink.yaml');
    expect(await main(['init', '--out', out], testIo().io)).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# 조회 항목');
    expect(text).toContain('${CUSTLINK_KEY}');
    writeFileSync(out, 'mine');
    const { io, err } = testIo();
    expect(await main(['init', '--out', out], io)).toBe(2);
    expect(err()).toContain('already exists; pass --force');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(await main(['init', '--out', out, '--force'], testIo().io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });
});
