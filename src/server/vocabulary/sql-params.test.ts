import { describe, expect, it } from 'vitest';
import { sqlParameters } from './sql-params.js';

describe('sqlParameters', () => {
  it('finds :name, @name and $name once each', () => {
    expect(sqlParameters('SELECT a FROM t WHERE p = :callNum OR q = @nation OR r = $x OR s = :callNum')).toEqual(['callNum', 'nation', 'x']);
  });

  it('skips literals, quoted identifiers, comments and PostgreSQL casts', () => {
    const sql = `SELECT ':a', "b:c", [d:e], \`f:g\` -- :h
      /* :i */ FROM t WHERE p = :callNum AND q = 'it''s :j' AND r::text = x`;
    expect(sqlParameters(sql)).toEqual(['callNum']);
  });

  it('reports a positional parameter as "?"', () => {
    expect(sqlParameters('SELECT a FROM t WHERE p = ?1')).toEqual(['?']);
  });
});
