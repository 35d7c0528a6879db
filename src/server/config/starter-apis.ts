import { configSchema } from './schema.js';
import { setting } from './starter.js';

// The shared keys' defaults, read off the schema like the single-API starter's.
const { listen, log } = configSchema.parse({});

const TWO_APIS = `# custlink endpoint with two APIs (API 설정 lists several): the helpdesk calls each at its
# own 기본 URL with its own 암호화 키. Start it with:
#   MEMBERS_KEY=... ORDERS_KEY=... custlink serve --config \${FILE}
# \${NAME} is replaced by the environment variable NAME (unset = a config error).
# listen, allowIps, ops, limits and log are shared; each apis entry has its own path, auth,
# lookup, source and result, written as a single-API config writes them at the top level.

listen:
${setting('  ', 'host', listen.host, '0.0.0.0 to accept connections from other machines')}
${setting('  ', 'port', listen.port)}
  # tls: { cert: cert.pem, key: key.pem }

apis:
  - name: 회원정보          # the API 이름: the api label of the metrics and the log lines
    path: /members         # this API's 기본 URL ends with it
    auth:
      keys: ["\${MEMBERS_KEY}"]   # this key opens /members only
    lookup:
      callNum: { required: true, maxLength: 20, normalize: phone-kr, pattern: "^[0-9]+$" }
    source:
      type: sqlite
      file: customers.sqlite
      query: "SELECT name, member_id, phone FROM customers WHERE phone = :callNum"
    result:
      userName: { column: name, mask: name }
      id: member_id

  - name: 주문정보
    path: /orders
    auth:
      keys: ["\${ORDERS_KEY}"]    # another key: it opens /orders only
    lookup:
      orderId: { required: true, maxLength: 30, pattern: "^[A-Za-z0-9-]+$" }
    source:
      type: sqlite
      file: customers.sqlite
      query: "SELECT order_id, item, status FROM orders WHERE order_id = :orderId"
    result:
      orderId: order_id
      item: item
      status: status

log:
${setting('  ', 'level', log.level, 'one JSON line per request, with the api name; values are never logged')}
`;

/**
 * The two-API starter `custlink init --apis 2` writes: 회원정보 by phone and 주문정보 by order
 * id, each from a table of one SQLite file, at two paths with two keys. It parses as is once
 * `MEMBERS_KEY` and `ORDERS_KEY` are set.
 *
 * @example
 * writeFileSync('custlink.yaml', twoApisStarterConfig());
 */
export function twoApisStarterConfig(file = 'custlink.yaml'): string {
  return TWO_APIS.replace('${FILE}', () => file);
}
