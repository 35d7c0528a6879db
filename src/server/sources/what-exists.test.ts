import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CatalogTable } from '../catalog/index.js';
import { openSqliteQuery } from './sqlite/open-database.js';
import { missingName, whatExists } from './what-exists.js';

const table = (schema: string, name: string, ...columns: string[]): CatalogTable => ({ schema, name, columns: columns.map((c) => ({ name: c, type: 'text' })), indexed: [] });
const TABLES = [table('crm', 'member', 'mem_no', 'mem_nm', 'hp_no'), table('crm', 'orders', 'id'), table('public', '회원', '이름', '휴대폰')];

describe('missingName', () => {
  it('tells an unknown column or table from another refusal, on each server', () => {
    expect(missingName(Object.assign(new Error('column "nmae" does not exist'), { code: '42703' }))).toEqual({ kind: 'column', name: 'nmae' });
    expect(missingName(Object.assign(new Error('relation "crm.membr" does not exist'), { code: '42P01' }))).toEqual({ kind: 'table', name: 'membr' });
    expect(missingName(Object.assign(new Error("Unknown column 'nmae' in 'field list'"), { errno: 1054 }))).toEqual({ kind: 'column', name: 'nmae' });
    expect(missingName(Object.assign(new Error("Table 'test.membr' doesn't exist"), { errno: 1146 }))).toEqual({ kind: 'table', name: 'membr' });
    expect(missingName(new Error('no such column: nmae'))).toEqual({ kind: 'column', name: 'nmae' });
    expect(missingName(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }))).toBeUndefined();
  });
});

describe('whatExists', () => {
  it('lists the columns of the tables the query reads, matched as the server folds names', () => {
    expect(whatExists({ kind: 'column' }, 'SELECT nmae FROM crm.Member WHERE hp_no = :callNum', TABLES, 'postgres')).toBe('crm.member has the columns: mem_no, mem_nm, hp_no');
    expect(whatExists({ kind: 'column' }, 'SELECT x FROM "회원" m JOIN crm.orders o ON o.id = m.id', TABLES, 'postgres')).toBe('public.회원 has the columns: 이름, 휴대폰; crm.orders has the columns: id');
    // Quoted, the name is matched as written: "Member" is not member.
    expect(whatExists({ kind: 'column' }, 'SELECT x FROM "Member"', TABLES, 'postgres')).toMatch(/^the tables are: /);
  });

  it('lists the tables, nearest name first, limited to the schema when given and to 40 names', () => {
    expect(whatExists({ kind: 'table', name: 'orderz' }, 'SELECT 1 FROM orderz', TABLES, 'mysql', 'crm')).toBe('the tables are: orders, member');
    const many = Array.from({ length: 45 }, (_, i) => table('s', `t${String(i).padStart(2, '0')}`, 'a'));
    expect(whatExists({ kind: 'table', name: 't44x' }, '', many, 'mysql')).toMatch(/^the tables are: t44, t40, .* and 5 more$/);
    expect(whatExists({ kind: 'table' }, '', TABLES, 'mysql', 'nope')).toBe('nope has no tables this login can see');
  });
});

describe('a SQLite source', () => {
  it('names the columns there are when its query names one that is not', () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/what-exists-${process.pid}.sqlite`;
    const db = new Database(file);
    db.exec('DROP TABLE IF EXISTS member; CREATE TABLE member (mem_no TEXT, mem_nm TEXT, hp_no TEXT)');
    db.close();
    const open = (query: string) => () => openSqliteQuery({ type: 'sqlite', file, query, unique: false } as never, 100);
    expect(open('SELECT name FROM member WHERE hp_no = :callNum')).toThrow('SQLite refuses it: no such column: name; member has the columns: mem_no, mem_nm, hp_no');
    expect(open('SELECT mem_nm FROM membr WHERE hp_no = :callNum')).toThrow('SQLite refuses it: no such table: membr; the tables are: member');
  });
});
