import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test-utils/memory-io.js';
import { bodyFrom, parseItems } from './body.js';

describe('call body sources', () => {
  it('turns name=value items into compact JSON in the order given, values may hold "="', () => {
    expect(JSON.stringify(parseItems(['nation=korea', 'callNum=010=1', 'empty=']))).toBe(
      '{"nation":"korea","callNum":"010=1","empty":""}',
    );
  });

  it('sends an item named __proto__ as an item, not as a prototype', () => {
    expect(JSON.stringify(parseItems(['__proto__=x']))).toBe('{"__proto__":"x"}');
  });

  it('reads --body-file - from stdin byte for byte', async () => {
    const bytes = Buffer.from('{ "callNum" : "1" }\n', 'utf8');
    const { io } = memoryIo({ stdin: bytes });
    const body = await bodyFrom({ items: [], json: undefined, file: '-' }, io);
    expect(Buffer.from(body).equals(bytes)).toBe(true);
  });

  it('keeps --json exactly as typed', async () => {
    const { io } = memoryIo();
    expect(await bodyFrom({ items: [], json: '{ "callNum":"1" }', file: undefined }, io)).toBe('{ "callNum":"1" }');
  });
});
