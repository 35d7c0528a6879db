import { describe, expect, it } from 'vitest';
import { itemNameProblem } from './item-name.js';

describe('itemNameProblem', () => {
  it('names what is wrong with an item name, one reason each', () => {
    expect(itemNameProblem('callNum')).toBeUndefined();
    expect(itemNameProblem('_x9')).toBeUndefined();
    expect(itemNameProblem('')).toBe('required');
    expect(itemNameProblem('1st')).toBe('identifier');
    expect(itemNameProblem('call-num')).toBe('identifier');
    expect(itemNameProblem('a'.repeat(65))).toBe('identifier');
    for (const name of ['__proto__', 'constructor', 'prototype']) expect(itemNameProblem(name)).toBe('reserved');
  });
});
