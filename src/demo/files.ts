import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKey } from '../protocol/generate-key.js';
import { ensureDemoDatabase, type DemoDatabase } from './database.js';

export interface DemoSetupOptions {
  /** Where the demo keeps its files (default `data`, gitignored). */
  dir?: string;
  rows?: number;
  seed?: number;
  host?: string;
  port?: number;
}

/** Everything `custlink demo` needs to start, all under `dir`. */
export interface DemoSetup {
  dir: string;
  database: DemoDatabase;
  keyFile: string;
  /** The demo's security key (암호화 키); the same on every run until `keyFile` is deleted. */
  key: string;
  configFile: string;
}

const DEMO_DB_NAME = 'demo.sqlite';
const DEMO_KEY_NAME = 'demo-key.txt';
const DEMO_CONFIG_NAME = 'custlink.demo.yaml';

/**
 * Creates (or reuses) the demo database, key and config under `dir`. The key is kept in a file so
 * the signing command printed yesterday still works today; the config is rewritten on every start
 * because host and port come from the command line.
 *
 * @example
 * const setup = prepareDemo({ dir: 'data', rows: 100_000, port: 8080 });
 * const config = loadConfigFile(setup.configFile, { ...process.env, CUSTLINK_KEY: setup.key });
 */
export function prepareDemo(options: DemoSetupOptions = {}): DemoSetup {
  const dir = resolve(options.dir ?? 'data');
  mkdirSync(dir, { recursive: true });
  const database = ensureDemoDatabase({ file: join(dir, DEMO_DB_NAME), rows: options.rows, seed: options.seed });
  const keyFile = join(dir, DEMO_KEY_NAME);
  const key = readOrCreateKey(keyFile);
  const configFile = join(dir, DEMO_CONFIG_NAME);
  writeFileSync(configFile, demoConfigYaml({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 }));
  return { dir, database, keyFile, key, configFile };
}

/**
 * The demo endpoint's config: the guide's lookup items (callNum, nation) and its result items
 * (userName, id and the game-account fields). The key stays out of the file, as in production.
 *
 * @example
 * writeFileSync('data/custlink.demo.yaml', demoConfigYaml({ host: '127.0.0.1', port: 8080 }));
 */
export function demoConfigYaml(listen: { host: string; port: number }): string {
  return `# Written by \`custlink demo\` on every start; copy it before editing.
# Serve it yourself with: CUSTLINK_KEY="$(cat ${DEMO_KEY_NAME})" custlink serve --config ${DEMO_CONFIG_NAME}
listen: { host: ${JSON.stringify(listen.host)}, port: ${listen.port}, path: / }
auth: { enabled: true, keys: ["\${CUSTLINK_KEY}"], scheme: auto, toleranceMs: 300000 }
lookup:                                     # 조회 항목
  callNum: { required: true, maxLength: 20, normalize: phone-kr, pattern: "^0[0-9]{8,10}$" }
  nation: { required: false, maxLength: 10, values: [korea, japan, usa, china] }
source:
  type: sqlite
  file: ${DEMO_DB_NAME}                     # relative to this file
  # phone holds digits only; normalize: phone-kr turns "010-1234-5678" and "+82 10-1234-5678" into that.
  query: >-
    SELECT name, member_id, email, user_no, user_id, game_code, cash_real, cash_bonus, cash_total
    FROM customers WHERE phone = :callNum
  # The UNIQUE index on phone already guarantees one row; true would fetch a second row to check.
  unique: false
result:                                     # 결과 항목
  userName: { column: name, mask: name }
  id: member_id
  email: { column: email, mask: email }
  userNo: user_no
  userId: user_id
  gameCode: game_code
  cashReal: cash_real
  cashBonus: cash_bonus
  cashTotal: cash_total
limits: { bodyBytes: 16384, sourceTimeoutMs: 2000 }
log: { level: info }
`;
}

function readOrCreateKey(file: string): string {
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved !== '') return saved;
  }
  const key = generateKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
