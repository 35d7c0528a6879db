/**
 * `BENCH_SOURCE=http`: an internal member API for the HTTP source to call, in its own process.
 * It answers `GET /members?phone=...` from the demo SQLite database with `{"data":{"member":{...}}}`,
 * or 404, over keep-alive connections, like a lean service a company would already run.
 *
 * @example
 * const upstream = await startChild(['-e', httpUpstreamScript('data/bench/demo.sqlite')], 'upstream.log');
 */
export function httpUpstreamScript(sqliteFile: string): string {
  return `const http = require('node:http');
const Database = require('better-sqlite3');
const db = new Database(${JSON.stringify(sqliteFile)}, { readonly: true });
const find = db.prepare('SELECT name, member_id, email, user_no, user_id, game_code, cash_real, cash_bonus, cash_total FROM customers WHERE phone = ?');
const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  const url = new URL(req.url, 'http://upstream');
  const member = url.pathname === '/members' ? find.get(url.searchParams.get('phone') ?? '') : undefined;
  const body = member === undefined ? '{"error":"not found"}' : JSON.stringify({ data: { member } });
  res.writeHead(member === undefined ? 404 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
}

/**
 * The config's `source:` block calling that upstream.
 *
 * @example
 * yaml.replace(SOURCE_BLOCK, httpSourceBlock(upstream.url));
 */
export function httpSourceBlock(upstreamUrl: string): string {
  return `source:
  type: http
  url: "${new URL('/members', upstreamUrl).href}?phone={callNum}"
  rows: data.member
`;
}
