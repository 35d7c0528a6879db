import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from './table.js';

describe('formatTable', () => {
  it('lines up Korean text, which takes two columns a character', () => {
    expect(displayWidth('조회 성공')).toBe(9);
    const lines = formatTable(['message', 'result'], [['조회 성공', 'PASS'], ['No result.', 'FAIL']]).split('\n');
    expect(lines).toEqual(['message     result', '조회 성공   PASS', 'No result.  FAIL']);
  });
});
