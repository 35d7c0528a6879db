import { describe, expect, it } from 'vitest';
import { checkHeader, checkIdentifier, identifierProblem, ImportInputError, quoteIdentifier } from './identifiers.js';

describe('identifiers', () => {
  it('accepts letters of any script, digits and _', () => {
    for (const name of ['customers', 'phone_2', '_id', '전화번호', '고객명', 'Email']) expect(identifierProblem(name)).toBeUndefined();
  });

  it('refuses names that would need quoting tricks or that SQLite reserves', () => {
    for (const name of ['', '2nd', 'first name', 'a-b', 'x"; DROP TABLE t; --', 'sqlite_master', 'a'.repeat(65)]) {
      expect(identifierProblem(name), name).toBeDefined();
    }
    expect(() => checkIdentifier('drop table', 'table name')).toThrow(ImportInputError);
    expect(() => checkIdentifier('drop table', 'table name')).toThrow('table name "drop table" must start with a letter');
  });

  it('quotes every name, doubling quotes', () => {
    expect(quoteIdentifier('order')).toBe('"order"');
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});

describe('checkHeader', () => {
  it('returns the names of a good header', () => {
    expect(checkHeader(['id', 'name', 'phone'], ['phone'])).toEqual(['id', 'name', 'phone']);
  });

  it('matches --index columns without regard to ASCII case, as SQLite does', () => {
    expect(checkHeader(['id', 'Phone'], ['phone'])).toEqual(['id', 'Phone']);
  });

  it('names the problem: empty, invalid, duplicate, unknown index column', () => {
    expect(() => checkHeader([''], [])).toThrow('the header row is empty');
    expect(() => checkHeader(['id', ''], [])).toThrow('header column 2 "" is empty');
    expect(() => checkHeader(['id', 'first name'], [])).toThrow('header column 2 "first name" must start');
    expect(() => checkHeader(['id', 'phone', 'ID'], [])).toThrow('duplicate column name "ID" (columns 1 and 3)');
    expect(() => checkHeader(['id', 'phone'], ['email'])).toThrow('--index column "email" is not in the header (id, phone)');
  });
});
