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
  it('keeps spreadsheet headers with spaces, hyphens, dots and parentheses, which every statement quotes', () => {
    expect(checkHeader(['휴대폰 번호', 'E-mail', '가입일(YYYY-MM-DD)', 'no.'], ['휴대폰 번호'])).toEqual(['휴대폰 번호', 'E-mail', '가입일(YYYY-MM-DD)', 'no.']);
  });

  it('lists every bad name at once, each with its column, and takes --rename for them', () => {
    const header = ['id', '2차 연락처', 'x;drop', '', 'ID'];
    expect(() => checkHeader(header, [])).toThrow(
      [
        "the header has 4 bad column names; fix them in the file or with --rename 'OLD=NEW' (the flag repeats):",
        '  header column 2 "2차 연락처" must start with a letter or "_" and hold only letters, digits, spaces and _ - . ( )',
        '  header column 3 "x;drop" must start with a letter or "_" and hold only letters, digits, spaces and _ - . ( )',
        '  header column 4 "" is empty',
        '  duplicate column name "ID" (columns 1 and 5)',
      ].join('\n'),
    );
    const renames = [{ from: '2차 연락처', to: 'phone2' }, { from: 'x;drop', to: 'memo' }, { from: '', to: 'note' }, { from: 'ID', to: 'member_id' }];
    expect(checkHeader(header, ['phone2'], renames)).toEqual(['id', 'phone2', 'memo', 'note', 'member_id']);
    expect(() => checkHeader(header, [], [{ from: 'phone', to: 'p' }])).toThrow('--rename: column "phone" is not in the header (id, 2차 연락처, x;drop, , ID)');
    expect(() => checkHeader(['id'], [], [{ from: 'id', to: '1d' }])).toThrow('header column 1 "1d" (--rename of "id") must start');
  });

  it('returns the names of a good header', () => {
    expect(checkHeader(['id', 'name', 'phone'], ['phone'])).toEqual(['id', 'name', 'phone']);
  });

  it('matches --index columns without regard to ASCII case, as SQLite does', () => {
    expect(checkHeader(['id', 'Phone'], ['phone'])).toEqual(['id', 'Phone']);
  });

  it('names the problem: empty, invalid, duplicate, unknown index column', () => {
    expect(() => checkHeader([''], [])).toThrow('the header row is empty');
    expect(() => checkHeader(['id', ''], [])).toThrow('header column 2 "" is empty');
    expect(() => checkHeader(['id', '2nd name'], [])).toThrow('header column 2 "2nd name" must start');
    expect(() => checkHeader(['id', 'name '], [])).toThrow('header column 2 "name " has a space at its start or end');
    expect(() => checkHeader(['id', 'phone', 'ID'], [])).toThrow('duplicate column name "ID" (columns 1 and 3)');
    expect(() => checkHeader(['id', 'phone'], ['email'])).toThrow('--index column "email" is not in the header (id, phone)');
  });
});
