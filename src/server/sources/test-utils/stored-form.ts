/** Stored values for the tests of the stored-form check of `normalize` (normalize-check.ts). */
import Database from 'better-sqlite3';
import { KEY } from '../../harness.test.helper.js';

/** 100 phones, 3 of them stored with dashes; '010-****-0007' is the first dashed one, masked. */
export const PHONES = Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? `010-1234-${String(i).padStart(4, '0')}` : `0101234${String(i).padStart(4, '0')}`));

/** What the check says of `PHONES` in column `phone`, for lookup item callNum with `normalize: phone-kr`. */
export const DASHED =
  'lookup item callNum (normalize: phone-kr): 3 of 100 sampled phone values are not in phone-kr form (e.g. 010-****-0007), ' +
  'so lookups, which send 010****0007, do not find them; store them in that form (custlink import --normalize phone=phone-kr) or normalize the column in source.query';

/**
 * Writes a new SQLite file whose `customers (name, phone)`, indexed by phone, holds `PHONES`, and a config value for it
 * whose lookup item callNum has `normalize: phone-kr` (override any top-level key).
 *
 * @example
 * writeFileSync(yaml, stringify(dashedPhones(join(dir, 'dashed.sqlite'))));
 */
export function dashedPhones(file: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const db = new Database(file);
  db.exec('CREATE TABLE customers (name TEXT, phone TEXT); CREATE INDEX customers_phone ON customers(phone)');
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?)');
  db.transaction(() => PHONES.forEach((phone, i) => insert.run(`n${i}`, phone)))();
  db.close();
  return {
    listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
    auth: { keys: [KEY] },
    lookup: { callNum: { required: true, maxLength: 20, normalize: 'phone-kr' } },
    source: { type: 'sqlite', file, query: 'SELECT name FROM customers WHERE phone = :callNum' },
    result: { userName: 'name' },
    ...overrides,
  };
}
