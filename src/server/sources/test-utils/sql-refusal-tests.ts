/** The shared SQL source tests of what an endpoint refuses at start, in the config's terms. */
import { expect, it } from 'vitest';
import { refusal, sqlConfigValue, type SqlTestDatabase } from './sql-test-database.js';

/**
 * Registers the start-time refusals of `db`: a result column the query lacks, a database it
 * cannot reach or log in to (never showing the password), and a query the server refuses.
 *
 * @example
 * describe('PostgreSQL source', () => sqlRefusalTests(db));
 */
export function sqlRefusalTests(db: SqlTestDatabase): void {
  const value = (overrides: Record<string, unknown> = {}, source: Record<string, unknown> = {}) => sqlConfigValue(db, overrides, source);

  it('refuses at start a result column the query does not return, naming the key', async () => {
    const error = await refusal(value({ result: { name: 'name', phone: 'phone_no' } }));
    expect(error.issues).toEqual([{ path: 'result.phone', message: expect.stringContaining('"phone_no"') as string }]);
  });

  it('refuses at start an unreachable or unknown database without showing the password', async () => {
    const url = new URL(db.url);
    const bad = (change: (u: URL) => void): string => {
      const u = new URL(url);
      u.password = 's3cret-pw';
      change(u);
      return u.toString();
    };
    // A login the server refuses, an unknown database, a port nobody listens on.
    for (const badUrl of [bad(db.wrongLogin), bad((u) => (u.pathname = '/no_such_db')), bad((u) => (u.port = '1'))]) {
      const error = await refusal(value({}, { url: badUrl }));
      expect(error.issues[0]?.path).toBe('source.url');
      expect(error.message).toMatch(new RegExp(`cannot connect to ${db.type}://.*:\\*\\*\\*@`));
      expect(error.message).not.toContain('s3cret-pw');
    }
    expect((await refusal(value({}, { url: db.foreignUrl }))).message).not.toContain('s3cret-pw');
  });

  it('refuses at start a query the server refuses, in the config\'s terms', async () => {
    const error = await refusal(value({}, { query: `SELECT nme FROM ${db.table} WHERE phone = :callNum` }));
    expect(error.issues[0]).toEqual({ path: 'source.query', message: expect.stringContaining('nme') as string });
    const two = await refusal(value({}, { query: `SELECT name FROM ${db.table} WHERE phone = :callNum; DELETE FROM ${db.table}` }));
    expect(two.issues[0]?.path).toBe('source.query');
  });

  it('lists the columns of the table read when a query names an unknown column, and the tables when it names an unknown table', async () => {
    const column = await refusal(value({}, { query: `SELECT nme FROM ${db.table} WHERE phone = :callNum` }));
    expect(column.issues[0]?.path).toBe('source.query');
    expect(column.message).toMatch(new RegExp(`(\\w+\\.)?${db.table} has the columns: .*\\bname\\b.*\\bmember_id\\b.*\\bphone\\b`));
    const table = await refusal(value({}, { query: `SELECT name FROM ${db.table}x WHERE phone = :callNum` }));
    expect(table.issues[0]?.path).toBe('source.query');
    // The nearest name first, whatever else the test database holds.
    expect(table.message).toMatch(new RegExp(`the tables are: (\\w+\\.)?${db.table}\\b`));
  });
}
