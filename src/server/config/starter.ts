import { parse } from 'yaml';
import { auth as authSchema } from './schema/auth.js';
import { source as sourceSchema } from './schema/sources.js';
import { configSchema } from './schema.js';
import type { HttpSourceConfig, SourceConfig, SqlServerSourceConfig } from './types.js';

// What an absent key means, read off the schema: a starter shows the values the endpoint uses
// when the key is left out, and must not drift from them.
const { listen, limits, log } = configSchema.parse({});
const auth = authSchema.parse({ enabled: false });
const sqlServer = sourceSchema.parse({ type: 'postgres', url: 'postgres://', query: 'SELECT 1' }) as SqlServerSourceConfig;
const http = sourceSchema.parse({ type: 'http', url: 'http://' }) as HttpSourceConfig;

/**
 * A value as the starters write it in YAML: plain where YAML reads it back as the same value,
 * arrays in flow style.
 *
 * @example
 * yamlValue([404])  // '[404]'
 * yamlValue('true') // '"true"': plain, it would be a boolean
 */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (typeof value === 'string' && parse(value) !== value) return JSON.stringify(value);
  return String(value);
}

/**
 * One `key: value` line of a starter, its comment aligned at the column the starters use.
 *
 * @example
 * setting('  ', 'port', 8080)                        // '  port: 8080'
 * setting('  ', 'level', 'info', 'values never logged') // '  level: info              # values never logged'
 */
export function setting(indent: string, key: string, value: unknown, comment?: string): string {
  const text = `${indent}${key}: ${yamlValue(value)}`;
  return comment === undefined ? text : `${text.padEnd(26)} # ${comment}`;
}

/**
 * The `listen` and `auth` blocks every single-API starter begins with (`custlink init`, and
 * `init --from-db`): the defaults written out with what each means, one signing key from
 * `CUSTLINK_KEY`, and the keys to opt into commented out.
 *
 * @example
 * const text = `${starterListenAuth()}\n\nlookup: ...`;
 */
export function starterListenAuth(): string {
  return `listen:
${setting('  ', 'host', listen.host, '0.0.0.0 to accept connections from other machines')}
${setting('  ', 'port', listen.port)}
${setting('  ', 'path', listen.path, "the API path; the helpdesk's 기본 URL must end with it")}
  # The helpdesk calls over HTTPS: set tls here, or terminate TLS in a proxy in front.
  # tls: { cert: cert.pem, key: key.pem }
${setting('  ', 'trustProxy', listen.trustProxy, 'true (or a number of proxies): take the client address from X-Forwarded-For')}

auth:
  # The security key (암호화 키) from [고객정보관리 > 고객정보연동 > API 설정] with
  # API 암호화 여부 = 예. List a second key while rotating; any listed key is accepted.
  # "\${file:custlink.key}" reads it from a file instead, again at every SIGHUP (no restart).
  keys: ["\${CUSTLINK_KEY}"]
${setting('  ', 'scheme', auth.scheme, "body+timestamp (the guide's Java example), uri+body+timestamp, or auto (either)")}
${setting('  ', 'toleranceMs', auth.toleranceMs, "accepted clock skew either way (the guide's 5 minutes)")}
  # enabled: false         # only if the helpdesk sends unsigned requests (암호화 여부 = 아니오)
  # Refuse a request sent twice with the same signature (a captured, replayed request):
  # replay: { store: memory }   # or { store: redis, url: "redis://..." } for several instances`;
}

const STARTER = `# custlink endpoint: the service the Online Contact helpdesk calls for customer info
# (고객정보 연동). Start it with:  CUSTLINK_KEY=... custlink serve --config \${FILE}
# \${NAME} is replaced by the environment variable NAME (unset = a config error); write $\${NAME}
# for a literal. Relative file paths resolve against this file's directory.

${starterListenAuth()}

# Only these addresses may call; everyone else gets 403. Remove to allow every address.
# allowIps: ["203.0.113.0/24", "127.0.0.1/32"]

lookup:                    # 조회 항목: what the helpdesk sends, checked before any query runs
  callNum:
    required: true
    maxLength: 20
    normalize: phone-kr    # "+82 10-1234-5678" -> "01012345678" before the checks below and the query
    pattern: "^[0-9]+$"    # matched against the whole (normalised) value
  # nation: { required: false, maxLength: 10, values: [korea, japan] }

\${SOURCE}
result:                    # 결과 항목: key shown in the helpdesk -> column of the query
  userName: { column: name, mask: name }   # mask: phone | email | name | { keepFirst: 2, keepLast: 2 }
  id: member_id
  # phone: { column: phone, mask: phone }

# Who may read /healthz, /readyz and /metrics (default: loopback and private networks).
# ops:
#   allowIps: ["10.0.0.0/8"]

limits:
${setting('  ', 'bodyBytes', limits.bodyBytes, 'larger bodies get 413')}
${setting('  ', 'sourceTimeoutMs', limits.sourceTimeoutMs, 'readiness checks and non-SQLite sources')}

log:
${setting('  ', 'level', log.level, 'one JSON line per request; lookup and result values are never logged')}
`;

/** The source types `custlink init --source` writes a starter for: all but `function`, which is code. */
export type StarterSource = Exclude<SourceConfig['type'], 'function'>;

const SQL_NOTE = `  # Named parameters (:callNum) must be lookup items; values are always bound, never spliced.
  # An item the request leaves out binds as NULL. Index the columns you filter by.`;
const UNIQUE = setting('  ', 'unique', sqlServer.unique, 'true: several matching rows answer 400 instead of the first row');
const POOL_SIZE = setting('  ', 'poolSize', sqlServer.poolSize, 'connections held open');

const SOURCES: Record<StarterSource, string> = {
  sqlite: `source:
  type: sqlite             # or postgres, mysql, http (custlink init --source TYPE)
  file: customers.sqlite   # opened read-only; it must exist
${SQL_NOTE}
  query: "SELECT name, member_id, phone FROM customers WHERE phone = :callNum"
${UNIQUE}
`,
  postgres: `source:
  type: postgres           # connects and checks the query at start; lookups run read-only
  url: "postgres://custlink_ro:\${DB_PASSWORD}@127.0.0.1:5432/crm"   # ?sslmode=require for TLS
${SQL_NOTE}
  # An optional item needs a cast where it first appears: (:nation::text IS NULL OR nation = :nation)
  query: "SELECT name, member_id, phone FROM customers WHERE phone = :callNum"
${UNIQUE}
${POOL_SIZE}
`,
  mysql: `source:
  type: mysql              # MySQL or MariaDB; connects and checks the query at start; lookups run read-only
  url: "mysql://custlink_ro:\${DB_PASSWORD}@127.0.0.1:3306/crm"
${SQL_NOTE}
  query: "SELECT name, member_id, phone FROM customers WHERE phone = :callNum"
${UNIQUE}
${POOL_SIZE}
`,
  http: `source:
  type: http               # an internal API you already run answers the lookup
  # {callNum} is replaced by the lookup item, percent-encoded; each {name} must be a lookup item.
  url: "http://127.0.0.1:9000/members?phone={callNum}"
${setting('  ', 'method', http.method, 'POST sends the lookup items as a JSON object instead')}
  headers:
    authorization: "Bearer \${MEMBER_API_TOKEN}"   # never shown in errors or logs
  rows: data.member        # where the customer is in the JSON answer ('' = the whole body)
${setting('  ', 'notFoundStatus', http.notFoundStatus, 'upstream statuses that mean "no such customer"')}
${UNIQUE}
`,
};

/**
 * The commented starter config `custlink init` writes: every key the endpoint reads, set up for
 * a company's own database of the given type. It parses as is once `CUSTLINK_KEY` (and the
 * source's own variables, such as `DB_PASSWORD`) are set.
 *
 * @example
 * writeFileSync('custlink.yaml', starterConfig('postgres'));
 */
export function starterConfig(source: StarterSource = 'sqlite', file = 'custlink.yaml'): string {
  return STARTER.replace('${FILE}', () => file).replace('${SOURCE}', SOURCES[source]);
}

/** The source types a starter is written for, in the order `init --source` lists them. */
export const STARTER_SOURCES = Object.keys(SOURCES) as StarterSource[];

/** The SQLite starter (`starterConfig('sqlite')`). */
export const STARTER_CONFIG = starterConfig('sqlite');
