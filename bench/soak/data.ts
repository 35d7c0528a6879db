import { join, resolve } from 'node:path';
// The one import of the demo generator in the soak: when the demo moves, only this line changes.
import { demoConfigYaml, demoPhone, ensureDemoDatabase } from '../../src/demo/index.js';
import { sqlSourceYaml } from '../sql-source.js';
import { openSqlSessions, type SqlSessions } from './sessions.js';

export type SoakSourceKind = 'sqlite' | 'postgres' | 'mysql';

/** The customers the soak looks up, and the endpoint config serving them. */
export interface SoakData {
  rows: number;
  /** The config file's text; the key comes from `CUSTLINK_KEY`, replay protection from `redisUrl`. */
  configYaml(redisUrl: string): string;
  /** The phone number of customer `index` (0-based): known below `rows`, unknown from there on. */
  phone(index: number): string;
  /** Ends the endpoint's own database sessions (none for SQLite, which has none to end). */
  sessions?: SqlSessions;
  cleanup(): Promise<void>;
}

const DEMO_SOURCE = /^source:\n[\s\S]*?(?=^result:)/m;
const AUTH_END = /(^auth: \{[^\n]*?)\s*\}$/m;
// Fewer database connections than HTTP ones, as in the crash (20 lookups on a pool of 4).
const POOL_SIZE = 4;

/**
 * The demo customers in a SQLite file under `dir` (built once, reused), copied into a table of
 * this run's own for PostgreSQL or MariaDB.
 *
 * @example
 * const data = await prepareSoakData('postgres', { dir: 'data/soak', rows: 20_000 });
 * writeFileSync(configFile, data.configYaml(redis.url));
 */
export async function prepareSoakData(kind: SoakSourceKind, { dir, rows }: { dir: string; rows: number }): Promise<SoakData> {
  const sqliteFile = resolve(join(dir, 'demo.sqlite'));
  ensureDemoDatabase({ file: sqliteFile, rows });
  const sessions = kind === 'sqlite' ? undefined : await openSqlSessions(kind, { sqliteFile, rows });
  const sourceBlock =
    sessions === undefined
      ? `source:\n  type: sqlite\n  file: ${JSON.stringify(sqliteFile)}\n  query: >-\n    SELECT name, member_id, email, user_no, user_id, game_code, cash_real, cash_bonus, cash_total\n    FROM customers WHERE phone = :callNum\n  unique: false\n`
      : sqlSourceYaml(kind as 'postgres' | 'mysql', sessions.url, sessions.table, POOL_SIZE);
  return {
    rows,
    configYaml(redisUrl) {
      const demo = demoConfigYaml({ host: '127.0.0.1', port: 0 });
      if (!DEMO_SOURCE.test(demo) || !AUTH_END.test(demo)) throw new Error('the demo config changed shape: update bench/soak/data.ts');
      return demo
        .replace(DEMO_SOURCE, sourceBlock)
        .replace(AUTH_END, `$1, replay: { store: redis, url: ${JSON.stringify(redisUrl)} } }`)
        .replace(/^log: .*$/m, 'log: { level: warn }');
    },
    phone: demoPhone,
    sessions,
    cleanup: async () => sessions?.cleanup(),
  };
}
