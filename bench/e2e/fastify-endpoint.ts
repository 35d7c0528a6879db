/**
 * The comparison endpoint, written by hand as a company would without custlink: Fastify, the
 * HMAC checked with node:crypto (createHmac + timingSafeEqual), one prepared better-sqlite3
 * statement by phone, the same JSON as custlink's demo config (masks included).
 * Run: `CUSTLINK_KEY=... node --import tsx bench/e2e/fastify-endpoint.ts data/bench/demo.sqlite`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

interface Customer {
  name: string;
  member_id: string;
  email: string;
  user_no: number;
  user_id: string;
  game_code: string;
  cash_real: number;
  cash_bonus: number;
  cash_total: number;
}

const key = process.env.CUSTLINK_KEY ?? '';
const db = new Database(process.argv[2]!, { readonly: true });
const find = db.prepare<[string], Customer>(
  'SELECT name, member_id, email, user_no, user_id, game_code, cash_real, cash_bonus, cash_total FROM customers WHERE phone = ?',
);
const WINDOW_MS = 5 * 60 * 1000;

const app = Fastify({ logger: false });
// The signature covers the raw bytes, so the body stays a string until it has been verified.
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

app.post('/', async (req, reply) => {
  const raw = typeof req.body === 'string' ? req.body : '';
  const timestamp = req.headers['x-tc-timestamp'];
  const authorization = req.headers.authorization ?? '';
  if (typeof timestamp !== 'string' || !/^\d{1,16}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > WINDOW_MS) {
    return reply.code(403).send(failure('bad_timestamp', '요청한 서버에 조회 권한이 없습니다.'));
  }
  const expected = createHmac('sha256', key).update(raw).update(timestamp).digest();
  const given = Buffer.from(authorization, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reply.code(403).send(failure('bad_signature', '요청한 서버에 조회 권한이 없습니다.'));
  }
  let callNum: unknown;
  try {
    callNum = (JSON.parse(raw) as { callNum?: unknown }).callNum;
  } catch {
    return reply.code(400).send(failure('INVALID_JSON', '조회 결과가 없습니다.'));
  }
  const row = typeof callNum === 'string' ? find.get(callNum.replace(/\D/g, '')) : undefined;
  if (row === undefined) return reply.code(400).send(failure('NOT_FOUND', '조회 결과가 없습니다.'));
  return reply.type('application/json; charset=utf-8').send(
    JSON.stringify({
      data: {
        userName: maskName(row.name),
        id: row.member_id,
        email: maskEmail(row.email),
        userNo: String(row.user_no),
        userId: row.user_id,
        gameCode: row.game_code,
        cashReal: String(row.cash_real),
        cashBonus: String(row.cash_bonus),
        cashTotal: String(row.cash_total),
      },
    }),
  );
});

function failure(code: string, message: string): string {
  return JSON.stringify({ error: { code, message, detail: null } });
}

function maskName(name: string): string {
  return name.length <= 2 ? `${name[0] ?? ''}*` : name[0] + '*'.repeat(name.length - 2) + name[name.length - 1];
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const keep = at > 3 ? 2 : 1;
  return email.slice(0, keep) + '*'.repeat(Math.max(0, at - keep)) + email.slice(at);
}

const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${url}/`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
