import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from './progress.js';

describe('progress', () => {
  it('writes a plain line at most every interval when not on a terminal', () => {
    let out = '';
    let clock = 0;
    const progress = createProgress({ write: (t: string) => (out += t) }, 1000, { tty: false, intervalMs: 5000, now: () => clock });
    clock = 1000;
    progress.update(100, 100);
    expect(out).toBe('');
    clock = 5000;
    progress.update(500, 250);
    clock = 6000;
    progress.update(600, 300);
    progress.indexing(['phone', 'email']);
    progress.stop();
    expect(out).toBe('import: 500 rows, 25% read, 100 rows/s, ETA 15s\nimport: all rows read; creating indexes on phone, email\n');
  });

  it('estimates the time left from the share of bytes read', () => {
    expect(progressLine(500_000, 42_000_000, 84_000_000, 2)).toBe('500000 rows, 50% read, 250000 rows/s, ETA 2s');
    expect(progressLine(0, 0, 0, 0)).toBe('0 rows, 100% read, 0 rows/s, ETA 0s');
  });

  it('draws a bar with rows and rows/s on a terminal', () => {
    let out = '';
    const tty = { write: (t: string) => (out += t), isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
    const progress = createProgress(tty, 1000, { tty: true });
    progress.update(42, 500);
    progress.indexing(['phone']);
    progress.stop();
    expect(out).toContain('importing [');
    expect(out).toContain('creating indexes on phone\n');
    expect(out).toMatch(/50% \| 42 rows \| \d+ rows\/s/);
  });
});
