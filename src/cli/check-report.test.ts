import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FOUND, KEY, MISSING, startEndpoint, startServer, trackServers } from '../client/test-utils/servers.js';
import { selfSignedCertificate, startSelfSigned } from '../client/check/test-utils/self-signed.js';
import { HASH_PLACEHOLDER } from '../client/check/report/model.js';
import { sha256 } from '../client/check/report/posture.js';
import { makeCustomer } from '../demo/customer.js';
import { buildDemoDatabase, DEFAULT_DEMO_SEED } from '../demo/database.js';
import { demoConfigYaml } from '../demo/files.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { startServer as serve, type RunningServer } from '../server/transport/http.js';
import { memoryIo } from './test-utils/memory-io.js';
import { main } from './index.js';

const track = trackServers();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custlink-check-report-'));
  buildDemoDatabase({ file: join(dir, 'demo.sqlite'), rows: 300 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const customer = makeCustomer(DEFAULT_DEMO_SEED, 42);

/** The demo endpoint (`custlink demo`'s config over a demo database), served for real on a free port. */
async function demo(edit: (yaml: string) => string = (y) => y): Promise<{ url: string; configFile: string }> {
  const configFile = join(dir, `custlink.${running.length}.${Date.now()}.yaml`);
  writeFileSync(configFile, edit(demoConfigYaml({ host: '127.0.0.1', port: 0 })).replace('file: demo.sqlite', `file: ${join(dir, 'demo.sqlite')}`));
  const server = await serve(loadConfigFile(configFile, { CUSTLINK_KEY: KEY }), { logger: pino({ level: 'silent' }) });
  running.push(server);
  return { url: server.url, configFile };
}

async function schemaValidator() {
  const { io, out } = memoryIo();
  expect(await main(['check', '--report-schema'], io)).toBe(0);
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(JSON.parse(out()));
}

const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const mem = memoryIo({ env });
  const code = await main(['check', ...args], mem.io);
  return { code, out: mem.out(), err: mem.err() };
};

describe('custlink check --report', () => {
  it('writes an HTML and a JSON report of the demo endpoint, with the posture of --config, valid against the shipped schema', async () => {
    const { url, configFile } = await demo();
    const html = join(dir, 'demo.html');
    const json = join(dir, 'demo.json');
    const found = JSON.stringify({ callNum: customer.phone });
    const { code, err } = await run(
      [url, '--key', KEY, '--found', found, '--missing', '{"callNum":"01000000000"}', '--report', html, '--report', json, '--config', configFile, '--lookups', '20'],
      { CUSTLINK_KEY: KEY },
    );
    expect(code).toBe(0);
    expect(err).toContain(`report written to ${html}`);

    const doc = JSON.parse(readFileSync(json, 'utf8'));
    const validate = await schemaValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ endpoint: url, verdict: 'pass-with-warnings', lang: 'ko', checkedKeyFingerprint: keyFingerprint(KEY) });
    expect(doc.latency.samplesMs).toHaveLength(20);
    expect(doc.latency.p50).toBeLessThanOrEqual(doc.latency.p95);
    expect(doc.latency.p99).toBeLessThanOrEqual(doc.latency.max);
    expect(doc.posture).toMatchObject({
      allowIps: null,
      trustProxy: false,
      cache: { enabled: false },
      audit: { configured: false },
      checkedKeyListed: true,
      apis: [{ name: 'default', path: '/', probed: true, signed: true, keys: [{ fingerprint: keyFingerprint(KEY) }], rotating: false, replay: { enabled: false, store: null } }],
    });
    expect(doc.posture.apis[0].result.find((r: { item: string }) => r.item === 'email')).toEqual({ item: 'email', column: 'email', mask: 'email', unmaskedLooking: false });
    expect(doc.integrity.configSha256).toBe(sha256(readFileSync(configFile)));
    // The 403 message, as the helpdesk shows it, for every forged request.
    expect(doc.agentMessages.find((m: { status: number }) => m.status === 403)).toMatchObject({ ko: '요청한 서버에 조회 권한이 없습니다.', probes: expect.arrayContaining(['wrong-key', 'stale-6m']) });

    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<span id="verdict" class="verdict v-pass-with-warnings">경고와 함께 통과</span>');
    expect(page).toContain('요청한 서버에 조회 권한이 없습니다.');
    expect(page).not.toMatch(/<script|<link|@import|url\(/i);
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('재전송 방지 (replay)');
    expect(page).toContain('<dt>접속기록 (audit)</dt><dd>미설정</dd>');
    // Neither the key, nor a whole signature, nor the customer's unmasked name or phone in the answer.
    for (const text of [page, readFileSync(json, 'utf8')]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toMatch(/"authorization": "[A-Za-z0-9+/]{40,}={0,2}"/);
      expect(text).not.toContain(customer.email);
    }
    expect(page).toMatch(/authorization: [A-Za-z0-9+/]{4}…\(44 chars\)/);

    // Each file carries its own hash: put the zeros back, hash, compare.
    for (const [text, hash] of [[page, /<code id="report-sha256">([0-9a-f]{64})<\/code>/.exec(page)?.[1]], [readFileSync(json, 'utf8'), doc.integrity.reportSha256]] as const) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      const at = text.lastIndexOf(hash!);
      expect(sha256(text.slice(0, at) + HASH_PLACEHOLDER + text.slice(at + 64))).toBe(hash);
    }
  });

  it('flags a result item sent unmasked, and reads keys, replay, allowIps and cache from the config', async () => {
    const { url, configFile } = await demo((y) =>
      y
        .replace('email: { column: email, mask: email }', 'email: email')
        .replace('keys: ["${CUSTLINK_KEY}"], scheme: auto, toleranceMs: 300000 }', 'keys: ["${CUSTLINK_KEY}", "next-key-0123456789abcdef"], scheme: auto, toleranceMs: 300000, replay: { store: memory } }')
        .replace('log: { level: info }', 'log: { level: info }\nallowIps: [127.0.0.1/32]\ncache: { ttlMs: 1000 }'),
    );
    const json = join(dir, 'unmasked.json');
    const html = join(dir, 'unmasked.html');
    const { code, out } = await run([url, '--key', KEY, '--found', JSON.stringify({ callNum: customer.phone }), '--report', json, '--report', html, '--config', configFile], { CUSTLINK_KEY: KEY });
    expect(code, out).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    const api = doc.posture.apis[0];
    expect(api.result.find((r: { item: string }) => r.item === 'email')).toEqual({ item: 'email', column: 'email', mask: null, unmaskedLooking: true });
    expect(api.result.find((r: { item: string }) => r.item === 'userName')).toMatchObject({ mask: 'name', unmaskedLooking: false });
    expect(api).toMatchObject({ rotating: true, keys: [{ fingerprint: keyFingerprint(KEY) }, { fingerprint: keyFingerprint('next-key-0123456789abcdef') }], replay: { enabled: true, store: 'memory' } });
    expect(doc.posture).toMatchObject({ allowIps: ['127.0.0.1/32'], trustProxy: false, cache: { enabled: true, store: 'memory', ttlMs: 1000 } });
    expect(doc.probes.find((p: { id: string }) => p.id === 'replay').verdict).toBe('pass');
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/<td>email<\/td><td>email<\/td><td>없음 <span class="flag">⚠ 마스킹되지 않은 값으로 보임<\/span><\/td>/);
    expect(page).toContain('교체 중 (키 2개)');
    expect(readFileSync(html, 'utf8')).not.toContain(customer.email);
  });

  it('says 실패 and exits 1 against a peer that accepts bad signatures; the report is written all the same', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'no-signature-check' }));
    const html = join(dir, 'fail.html');
    const json = join(dir, 'fail.json');
    const { code } = await run([endpoint.url, '--key', KEY, '--found', JSON.stringify(FOUND), '--missing', JSON.stringify(MISSING), '--report', html, '--report', json]);
    expect(code).toBe(1);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect((await schemaValidator())(doc)).toBe(true);
    expect(doc.verdict).toBe('fail');
    expect(doc.posture).toBeNull();
    expect(doc.probes.find((p: { id: string }) => p.id === 'wrong-key')).toMatchObject({ verdict: 'fail', note: 'accepted: the request was not verified' });
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('class="verdict v-fail">실패</span>');
    expect(page).toMatch(/<article class="probe" id="probe-wrong-key">\s*<h3><span>3\. 다른 암호화 키로 서명 <code class="muted">wrong-key<\/code><\/span><span class="v-fail">실패<\/span>/);
    expect(page).toContain('--config 없이 점검하여 설정을 확인하지 않았습니다.');
  });

  it('fills the TLS section for a self-signed certificate: trusted with --ca, refused without (both written)', async () => {
    const cert = selfSignedCertificate(90);
    const server = await startSelfSigned(cert, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"userName":"x"}}'));
    try {
      const ca = join(dir, 'self-signed.pem');
      writeFileSync(ca, cert.cert);
      const trusted = join(dir, 'tls.json');
      await run([server.url, '--key', KEY, '--found', JSON.stringify(FOUND), '--ca', ca, '--report', trusted, '--report', join(dir, 'tls.html'), '--lang', 'en']);
      const doc = JSON.parse(readFileSync(trusted, 'utf8'));
      expect(doc.tls).toMatchObject({ authorized: true, hostnameMatch: true, subject: 'CN=localhost, O=custlink self-signed test', issuer: 'CN=localhost, O=custlink self-signed test', daysToExpiry: 89 });
      expect(doc.tls.protocol).toMatch(/^TLSv1\.[23]$/);
      const page = readFileSync(join(dir, 'tls.html'), 'utf8');
      expect(page).toContain('<html lang="en">');
      expect(page).toContain(`<dt>Cipher</dt><dd>${doc.tls.cipher}</dd>`);
      expect(page).toContain('<dt>Expires in</dt><dd>89 days');
      expect(page).toContain('<dt>Trusted certificate</dt><dd>yes</dd>');

      const untrusted = join(dir, 'tls-untrusted.json');
      expect((await run([server.url, '--key', KEY, '--found', JSON.stringify(FOUND), '--report', untrusted])).code).toBe(1);
      const refused = JSON.parse(readFileSync(untrusted, 'utf8'));
      expect(refused.verdict).toBe('fail');
      expect(refused.tls).toMatchObject({ authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT', subject: 'CN=localhost, O=custlink self-signed test' });
    } finally {
      await server.close();
    }
  });

  it('escapes markup the endpoint sends in its answer and headers', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const endpoint = await track(startServer((_req, res) =>
      res.writeHead(403, { 'content-type': 'application/json', 'x-evil': '"><script>alert(3)</script>' }).end(JSON.stringify({ error: { code: evil, message: evil, detail: null } }))));
    const html = join(dir, 'evil.html');
    expect((await run([endpoint.url, '--key', KEY, '--found', JSON.stringify(FOUND), '--report', html])).code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('x-evil: &quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  });

  it('ships the schema: the build writes check --report-schema to the file the package exports', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./check-report.schema.json']).toBe('./dist/check-report.schema.json');
    expect(pkg.scripts.build).toContain('node dist/cli/bin.js check --report-schema > dist/check-report.schema.json');
  });

  it('refuses a report name that is neither .html nor .json, --lang other than ko or en, and a broken --config, before probing', async () => {
    const endpoint = await track(startEndpoint());
    const base = [endpoint.url, '--key', KEY, '--found', JSON.stringify(FOUND)];
    expect(await run([...base, '--report', 'check.pdf'])).toMatchObject({ code: 2, err: expect.stringContaining('must end in .html or .json') });
    expect(await run([...base, '--report', 'c.html', '--lang', 'jp'])).toMatchObject({ code: 2, err: expect.stringContaining('--lang must be ko or en') });
    expect(await run([...base, '--report', 'c.html', '--config', join(dir, 'nope.yaml')])).toMatchObject({ code: 2, err: expect.stringContaining('file not found') });
    expect(await run([...base, '--config', join(dir, 'nope.yaml')])).toMatchObject({ code: 2, err: expect.stringContaining('--config goes with --report') });
    expect(endpoint.requests).toHaveLength(0);
  });
});
