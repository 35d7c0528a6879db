import type Database from 'better-sqlite3';

/** Reads at most `limit` rows for what the bind object holds now. Throws what SQLite throws. */
export type RowReader = (limit: number) => unknown[][];

/**
 * Turns `statement` into the fast reader of the lookup path and prepares its exact twin from
 * `query`. The reader binds `bind` as it is at each call, so the caller refills that one object
 * rather than passing a new one per lookup.
 *
 * @example
 * const bind = { callNum: null as string | null };
 * const read = rowReader(db, statement, config.query, bind);
 * bind.callNum = '01012345678';
 * read(1); // [[9007199254740993n, '홍길동']]: the id keeps every digit
 */
export function rowReader(
  db: Database.Database,
  statement: Database.Statement<[Record<string, string | null>]>,
  query: string,
  bind: Record<string, string | null>,
): RowReader {
  // Values come back as arrays (no keyed object per row) and integers as plain numbers (no
  // BigInt per column). A 64-bit integer past 2^53 reads back as an unsafe number; a row holding
  // one is read again, in the same transaction, by a twin statement that returns BigInts, so ids
  // keep every digit (see `hasUnsafeNumber`).
  statement.raw(true);
  const exact = db.prepare(query);
  exact.raw(true);
  exact.safeIntegers(true);

  return (limit) => {
    if (limit <= 1) {
      const row = statement.get(bind) as unknown[] | undefined;
      if (row === undefined) return [];
      return [hasUnsafeNumber(row) ? ((exact.get(bind) as unknown[] | undefined) ?? row) : row];
    }
    const rows: unknown[][] = [];
    let unsafe = false;
    for (const row of statement.iterate(bind) as IterableIterator<unknown[]>) {
      rows.push(row);
      if (hasUnsafeNumber(row)) unsafe = true;
      // Leaving the loop early ends the iterator, which resets the statement.
      if (rows.length >= limit) break;
    }
    if (!unsafe) return rows;
    rows.length = 0;
    for (const row of exact.iterate(bind) as IterableIterator<unknown[]>) {
      rows.push(row);
      if (rows.length >= limit) break;
    }
    return rows;
  };
}

/**
 * Whether a row holds a number that may not be the integer SQLite stored: one beyond +-(2^53 - 1).
 * Every int64 below that converts to a double exactly; every one beyond converts to a double
 * beyond it, so nothing is missed. A large REAL also triggers the exact re-read, which returns
 * the same number for it.
 *
 * @example
 * hasUnsafeNumber(['a', 9007199254740992]) // true
 * hasUnsafeNumber(['a', 42, 1.5, null])    // false
 */
export function hasUnsafeNumber(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (typeof value === 'number' && !(value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER)) return true;
  }
  return false;
}
