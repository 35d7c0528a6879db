import { describe, expect, it } from 'vitest';
import { sqlParameters } from '../vocabulary/sql-params.js';
import { bindValues, limitRows, toMysqlSql, toPostgresSql } from './positional-sql.js';
import { runAbortable, type ConnectionLeases } from './sql-pool.js';

describe('toPostgresSql', () => {
  it('numbers each name once, reusing its position when repeated', () => {
    expect(toPostgresSql('SELECT a FROM t WHERE p = :callNum AND (@nation IS NULL OR n = $nation) AND q = :callNum')).toEqual({
      sql: 'SELECT a FROM t WHERE p = $1 AND ($2 IS NULL OR n = $2) AND q = $1',
      names: ['callNum', 'nation'],
    });
  });

  it('leaves casts, literals, quoted identifiers and comments alone', () => {
    const sql = `SELECT ':a'::text AS "b:c", 'it''s :j' FROM t -- :h
      /* :i */ WHERE p = :x::varchar AND r::text = :y AND s = $$ :k $$ AND u = $q$ :m $q$`;
    expect(toPostgresSql(sql)).toEqual({
      sql: `SELECT ':a'::text AS "b:c", 'it''s :j' FROM t -- :h
      /* :i */ WHERE p = $1::varchar AND r::text = $2 AND s = $$ :k $$ AND u = $q$ :m $q$`,
      names: ['x', 'y'],
    });
  });
});

describe('toMysqlSql', () => {
  it('writes one ? per occurrence, a repeated name bound each time', () => {
    expect(toMysqlSql("SELECT a FROM t WHERE p = :x AND note <> ':y' AND `c:d` = 1 AND (:z IS NULL OR q = :z)")).toEqual({
      sql: "SELECT a FROM t WHERE p = ? AND note <> ':y' AND `c:d` = 1 AND (? IS NULL OR q = ?)",
      names: ['x', 'z', 'z'],
    });
  });

  it('leaves @@system variables alone', () => {
    expect(toMysqlSql('SELECT @@session.tx_read_only, @@version FROM t WHERE p = @x')).toEqual({
      sql: 'SELECT @@session.tx_read_only, @@version FROM t WHERE p = ?',
      names: ['x'],
    });
  });

  it('treats a $ inside an identifier as part of it', () => {
    expect(toMysqlSql('SELECT price$usd FROM t WHERE p = :x')).toEqual({ sql: 'SELECT price$usd FROM t WHERE p = ?', names: ['x'] });
    expect(sqlParameters('SELECT price$usd FROM t WHERE p = :x')).toEqual(['x']);
  });
});

describe('bindValues', () => {
  it('binds an item not sent as NULL, a repeated one each time', () => {
    expect(bindValues(['x', 'y', 'x'], { x: '1' })).toEqual(['1', null, '1']);
    expect(bindValues(['toString'], {})).toEqual([null]);
  });

  // Every other case here reads the same backwards; this one does not, so values bound in the
  // wrong order (each item's value at another item's placeholder) fail without a database.
  it('binds each value at its own placeholder, in the order the statement names them', () => {
    const params = { callNum: '01012345678', nation: 'korea', memberId: 'M-7' };
    const pg = toPostgresSql('SELECT a FROM t WHERE member_id = :memberId AND phone = :callNum AND nation = :nation');
    expect(bindValues(pg.names, params)).toEqual(['M-7', '01012345678', 'korea']);
    const my = toMysqlSql('SELECT a FROM t WHERE phone = :callNum AND (:nation IS NULL OR nation = :nation) AND member_id = :memberId');
    expect(bindValues(my.names, params)).toEqual(['01012345678', 'korea', 'korea', 'M-7']);
  });
});

describe('limitRows', () => {
  it('appends a LIMIT, dropping trailing ; and comments but keeping literals', () => {
    expect(limitRows(' SELECT a FROM t ORDER BY a ;\n')(2)).toBe('SELECT a FROM t ORDER BY a\nLIMIT 2');
    expect(limitRows('SELECT a FROM t; -- note;\n/* more */')(1)).toBe('SELECT a FROM t\nLIMIT 1');
    expect(limitRows("SELECT a -- why\nFROM t WHERE b <> '--;'")(1)).toBe("SELECT a -- why\nFROM t WHERE b <> '--;'\nLIMIT 1");
    expect(limitRows('SELECT a FROM t WHERE b IN (SELECT c FROM u LIMIT 3)')(0)).toBe('SELECT a FROM t WHERE b IN (SELECT c FROM u LIMIT 3)\nLIMIT 0');
    expect(limitRows('SELECT a FROM t')(Number.NaN)).toMatch(/\nLIMIT 0$/);
  });

  it('wraps a query with its own LIMIT, FETCH or OFFSET', () => {
    expect(limitRows('SELECT a FROM t ORDER BY a DESC LIMIT 5')(2)).toBe('SELECT * FROM (\nSELECT a FROM t ORDER BY a DESC LIMIT 5\n) AS custlink_q LIMIT 2');
    expect(limitRows('SELECT a FROM t OFFSET 1 ROWS FETCH FIRST 3 ROWS ONLY')(1)).toMatch(/^SELECT \* FROM \(\n/);
    expect(limitRows('SELECT "limit", \'limit\' FROM t')(1)).toBe('SELECT "limit", \'limit\' FROM t\nLIMIT 1');
  });
});

describe('runAbortable', () => {
  /** A pool of one fake connection that records what happened to it. */
  function fakeLeases(): ConnectionLeases<string> & { log: string[] } {
    const log: string[] = [];
    return {
      log,
      acquire: async () => 'c1',
      release: (c, destroy) => void log.push(`${destroy ? 'destroy' : 'release'} ${c}`),
      cancel: async (c) => void log.push(`cancel ${c}`),
    };
  }

  it('returns the result and releases the connection', async () => {
    const leases = fakeLeases();
    expect(await runAbortable(leases, new AbortController().signal, async (c) => `rows of ${c}`)).toBe('rows of c1');
    expect(leases.log).toEqual(['release c1']);
  });

  it('drops a connection whose statement failed', async () => {
    const leases = fakeLeases();
    await expect(runAbortable(leases, new AbortController().signal, async () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(leases.log).toEqual(['destroy c1']);
  });

  it('on abort rejects at once, cancels on the server, then drops the connection', async () => {
    const leases = fakeLeases();
    const controller = new AbortController();
    const pending = runAbortable(leases, controller.signal, () => new Promise<string>(() => {}));
    await Promise.resolve();
    controller.abort(new Error('timed out'));
    await expect(pending).rejects.toThrow('timed out');
    await new Promise((r) => setTimeout(r, 0));
    expect(leases.log).toEqual(['cancel c1', 'destroy c1']);
  });
});
