import { hasUrlScheme } from '../vocabulary/url-schemes.js';
import { openMysqlCatalog } from './mysql.js';
import { openPostgresCatalog } from './postgres.js';
import { openSqliteCatalog } from './sqlite.js';
import type { Catalog, Dialect } from './types.js';

export { classifyColumn, phoneForm, type ColumnKind, type PhoneForm } from './classify.js';
export { quoteIdentifier } from './quote.js';
export { CatalogError, type Catalog, type CatalogTable, type Dialect } from './types.js';

/**
 * The dialect of a `--from-db` target: a postgres:// or mysql:// URL, or else a SQLite file path.
 *
 * @example
 * dialectOf('postgres://me@db/crm') // 'postgres'
 * dialectOf('./customers.sqlite')   // 'sqlite'
 */
export function dialectOf(target: string): Dialect {
  if (hasUrlScheme(target, 'postgres', true)) return 'postgres';
  if (hasUrlScheme(target, 'mysql', true)) return 'mysql';
  return 'sqlite';
}

/**
 * Opens the catalogue of a database for reading: PostgreSQL, MySQL/MariaDB or a SQLite file.
 *
 * @example
 * const catalog = await openCatalog('postgres://me@127.0.0.1:5432/crm');
 */
export function openCatalog(target: string): Promise<Catalog> {
  switch (dialectOf(target)) {
    case 'postgres':
      return openPostgresCatalog(target);
    case 'mysql':
      return openMysqlCatalog(target.replace(/^mariadb:/i, 'mysql:'));
    case 'sqlite':
      return openSqliteCatalog(target);
  }
}
