import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as node from '../index.js';
import * as web from '../web.js';

describe('the protocol entries', () => {
  it('custlink and custlink/web export the same names', () => {
    expect(Object.keys(web).sort()).toEqual(Object.keys(node).sort());
    expect(Object.keys(node)).toEqual(expect.arrayContaining(['signRequest', 'verifyRequest', 'generateKey', 'agentMessage']));
  });

  it('are the only ones: no second path to the same names', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: object };
    expect(Object.keys(pkg.exports)).not.toContain('./protocol');
    expect(pkg.exports).toMatchObject({ '.': { default: './dist/index.js' }, './web': { default: './dist/web.js' } });
  });
});
