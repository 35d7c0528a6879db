import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A temp folder for one test file, removed after it: `file` writes a numbered CSV, `path`
 * names a fresh numbered file in it.
 *
 * @example
 * const scratch = scratchDir('custlink-import-');
 * await importCsv({ file: scratch.file('id\n1\n'), db: scratch.path('db', '.sqlite') });
 */
export function scratchDir(prefix: string): { dir: string; file(content: string | Buffer): string; path(stem: string, ext?: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    dir,
    file(content) {
      const path = join(dir, `${n++}.csv`);
      writeFileSync(path, content);
      return path;
    },
    path: (stem, ext = '') => join(dir, `${stem}-${n++}${ext}`),
  };
}
