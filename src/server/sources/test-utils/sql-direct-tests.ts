/** The shared SQL source tests straight on the source, without an endpoint around it. */
import { expect, it } from 'vitest';
import { openSqlSource, type SqlTestDatabase } from './sql-test-database.js';

/**
 * Registers the tests of `db`'s source on its own: describing a query, the row limit, ready(),
 * read-only sessions, dates as written and a query's own ORDER BY ... LIMIT.
 *
 * @example
 * describe('PostgreSQL source', () => sqlDirectTests(db));
 */
export function sqlDirectTests(db: SqlTestDatabase): void {
  const T = db.table;

  it('describes any SELECT, fetches at most limit rows and keeps ready() honest', async () => {
    const source = await openSqlSource(db, `SELECT name, member_id FROM ${T} WHERE phone = :p ORDER BY member_id DESC; -- newest first`);
    try {
      expect(source.columns).toEqual(['name', 'member_id']);
      expect(source.blocking).toBeUndefined();
      const signal = new AbortController().signal;
      expect(await source.lookup({ p: '010-2222-3333' }, 1, signal)).toEqual([{ name: '김철수 (twin)', member_id: '1003' }]);
      expect(await source.lookup({ p: '010-2222-3333' }, 2, signal)).toHaveLength(2);
      await expect(source.lookup({ p: '010-2222-3333' }, 1, AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
      await expect(source.ready()).resolves.toBeUndefined();
    } finally {
      await source.close();
      await source.close();
    }
    await expect(source.ready()).rejects.toThrow();
  });

  it('looks up read-only', async () => {
    const source = await openSqlSource(db, `SELECT ${db.readOnly.expression} AS ro FROM ${T} WHERE phone = :p`);
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(String(row?.ro)).toBe(db.readOnly.value);
    } finally {
      await source.close();
    }
  });

  it('gives dates and wall-clock times as the database writes them, not shifted through a time zone', async () => {
    const source = await openSqlSource(db, `SELECT DATE '2024-01-01' AS joined, TIMESTAMP '2024-01-01 09:30:00' AS seen FROM ${T} WHERE phone = :p`, 'Asia/Seoul');
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(row).toEqual({ joined: '2024-01-01', seen: '2024-01-01T09:30:00+09:00' });
    } finally {
      await source.close();
    }
  });

  it.each(db.zoned)('gives $expression as ISO 8601 in the configured zone, the host\'s by default', async ({ expression, seoul, utc }) => {
    const query = `SELECT ${expression} AS at FROM ${T} WHERE phone = :p`;
    const at = async (timeZone?: string) => {
      const source = await openSqlSource(db, query, timeZone);
      try {
        return (await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal))[0]?.at;
      } finally {
        await source.close();
      }
    };
    expect(await at('Asia/Seoul')).toBe(seoul);
    expect(await at('UTC')).toBe(utc);
    const host = process.env.TZ;
    process.env.TZ = 'Asia/Seoul';
    try {
      expect(await at()).toBe(seoul);
      process.env.TZ = 'UTC';
      expect(await at()).toBe(utc);
    } finally {
      if (host === undefined) delete process.env.TZ;
      else process.env.TZ = host;
    }
  });

  it('says at request time which columns a table has when one the query names is gone, without the lookup value', async () => {
    const table = `${T}_srcerr`;
    await db.admin.run(`CREATE TABLE ${table} (mem_nm varchar(20), hp_no varchar(20))`);
    try {
      const source = await openSqlSource(db, `SELECT mem_nm FROM ${table} WHERE hp_no = :p`);
      try {
        // A DBA renames the column while the endpoint runs.
        await db.admin.run(`ALTER TABLE ${table} RENAME COLUMN mem_nm TO member_name`);
        const error = await source.lookup({ p: '010-9876-5432' }, 1, new AbortController().signal).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(error?.name).toBe('UnknownNameError');
        expect(error?.message).toMatch(new RegExp(`^the source query names an unknown column; (\\w+\\.)?${table} has the columns: (member_name, hp_no|hp_no, member_name)$`));
        expect(error?.message).not.toContain('9876');
      } finally {
        await source.close();
      }
    } finally {
      await db.admin.run(`DROP TABLE IF EXISTS ${table}`);
    }
  });

  it('keeps the order of a query with its own ORDER BY ... LIMIT', async () => {
    const source = await openSqlSource(db, `SELECT name FROM ${T} WHERE phone = :p ORDER BY member_id DESC LIMIT 5`);
    try {
      expect(await source.lookup({ p: '010-2222-3333' }, 1, new AbortController().signal)).toEqual([{ name: '김철수 (twin)' }]);
    } finally {
      await source.close();
    }
  });
}
