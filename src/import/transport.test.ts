import { describe, expect, it } from 'vitest';
import type { ReadEvent } from './read.js';
import { decodeEvent, encodeEvent } from './transport.js';

describe('worker transport', () => {
  it('carries a batch across unchanged: Korean, emoji, empty values, quotes and newlines', () => {
    const event: ReadEvent = {
      type: 'batch',
      rows: [
        ['1', '김민준', '', 'VIP, "우선"\r\n응대'],
        ['2', '😀', 'x', ''],
      ],
      rejects: [{ line: 3, reason: 'expected 4 fields, got 1' }],
      rejected: 1,
      bytes: 123,
    };
    const [message, transfer] = encodeEvent(event);
    expect(transfer).toHaveLength(2);
    expect(decodeEvent(structuredClone(message, { transfer }) as never)).toEqual(event);
  });

  it('carries an empty batch and the header', () => {
    const empty: ReadEvent = { type: 'batch', rows: [], rejects: [], rejected: 0, bytes: 0 };
    expect(decodeEvent(encodeEvent(empty)[0] as never)).toEqual(empty);
    const header: ReadEvent = { type: 'header', fields: ['id', '이름'] };
    expect(decodeEvent(encodeEvent(header)[0] as never)).toEqual(header);
  });
});
