import mysql from 'mysql2/promise';
import { quoteIdentifier } from './quote.js';
import { asText, CatalogError, type Catalog, type CatalogTable } from './types.js';

const SYSTEM = "('mysql', 'information_schema', 'performance_schema', 'sys')";
const TABLES = `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA NOT IN ${SYSTEM} ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`;
// SEQ_IN_INDEX 1 is the index's first column: only that one serves "WHERE column = ?" on its own.
const INDEXED = `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS c
  FROM information_schema.STATISTICS WHERE SEQ_IN_INDEX = 1 AND TABLE_SCHEMA NOT IN ${SYSTEM}`;

/**
 * The MySQL/MariaDB catalogue (information_schema COLUMNS and STATISTICS) of every database the
 * user may see.
 *
 * @example
 * const catalog = await openMysqlCatalog('mysql://me@127.0.0.1:3306/crm');
 */
export async function openMysqlCatalog(url: string): Promise<Catalog> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({ uri: url, connectTimeout: 5_000, supportBigNumbers: true, bigNumberStrings: true, dateStrings: true });
  } catch (error) {
    throw new CatalogError(`cannot connect to MySQL: ${(error as Error).message}`);
  }
  return {
    dialect: 'mysql',
    async tables() {
      const [columns] = await connection.query<mysql.RowDataPacket[]>(TABLES);
      const [indexed] = await connection.query<mysql.RowDataPacket[]>(INDEXED);
      const byKey = new Map<string, CatalogTable>();
      for (const row of columns) {
        const key = `${row.s}\u0000${row.t}`;
        let table = byKey.get(key);
        if (!table) byKey.set(key, (table = { schema: String(row.s), name: String(row.t), columns: [], indexed: [] }));
        table.columns.push({ name: String(row.c), type: String(row.type) });
      }
      for (const row of indexed) {
        const table = byKey.get(`${row.s}\u0000${row.t}`);
        if (table && !table.indexed.includes(String(row.c))) table.indexed.push(String(row.c));
      }
      return [...byKey.values()];
    },
    async sample(table, limit) {
      const columns = table.columns.map((c) => quoteIdentifier('mysql', c.name)).join(', ');
      await connection.query('START TRANSACTION READ ONLY');
      try {
        const [rows] = await connection.query({ sql: `SELECT ${columns} FROM ${quoteIdentifier('mysql', table.schema)}.${quoteIdentifier('mysql', table.name)} LIMIT ${Math.trunc(limit)}`, rowsAsArray: true });
        return (rows as unknown[][]).map((values) => Object.fromEntries(table.columns.map((c, i) => [c.name, asText(values[i])])));
      } finally {
        await connection.query('ROLLBACK');
      }
    },
    close: () => connection.end(),
  };
}
