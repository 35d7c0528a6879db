import { describe, expect, it } from 'vitest';
import { redact, redactHeaders } from './redact.js';

describe('redact', () => {
  it('keeps four characters and the length of a signature, nothing of a short value', () => {
    expect(redact('BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=')).toBe('BXKL…(44 chars)');
    expect(redact('forged')).toBe('…(6 chars)');
    expect(redact('')).toBe('');
  });

  it('redacts Authorization in any letter case and leaves other headers alone', () => {
    expect(redactHeaders({ Authorization: 'BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=', 'x-tc-timestamp': '1' })).toEqual({
      Authorization: 'BXKL…(44 chars)',
      'x-tc-timestamp': '1',
    });
  });
});
