import { describe, expect, it } from 'vitest';
import { FOUND, KEY, MISSING, startEndpoint, startServer, TEST_CA, trackServers } from '../test-utils/servers.js';
import { formatReport } from './format.js';
import { runCheck } from './run.js';
import type { CheckReport, Verdict } from './types.js';

const track = trackServers();

const verdicts = (report: CheckReport): Record<string, Verdict> =>
  Object.fromEntries(report.probes.map((p) => [p.id, p.verdict]));

const ATTACKS = [
  'wrong-key',
  'tampered-body',
  'tampered-timestamp',
  'no-authorization',
  'no-timestamp',
  'non-numeric-timestamp',
  'stale-6m',
  'future-6m',
];

describe('runCheck against a correct endpoint', () => {
  it('passes every probe; an endpoint without replay protection only gets a warning', async () => {
    const endpoint = await track(startEndpoint());
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    expect(report.ok).toBe(true);
    expect(verdicts(report)).toEqual({
      found: 'pass',
      missing: 'pass',
      ...Object.fromEntries(ATTACKS.map((id) => [id, 'pass'])),
      'skew-past': 'pass',
      'skew-future': 'pass',
      'invalid-json': 'pass',
      'missing-item': 'pass',
      replay: 'warn',
      latency: 'pass',
      'large-body': 'pass',
      tls: 'pass',
    });
    expect(report.summary).toEqual({ pass: 17, fail: 0, warn: 1, skip: 0 });
  });

  it('passes the replay probe when the endpoint refuses a second use of a signature', async () => {
    const endpoint = await track(startEndpoint({ rejectReplays: true }));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    expect(report.summary).toEqual({ pass: 18, fail: 0, warn: 0, skip: 0 });
  });

  it('works over HTTPS with a custom CA and the uri+body+timestamp scheme', async () => {
    const endpoint = await track(startEndpoint({ tls: true, scheme: 'uri+body+timestamp' }));
    const report = await runCheck({
      url: endpoint.url, key: KEY, found: FOUND, missing: MISSING, ca: TEST_CA, scheme: 'uri+body+timestamp',
    });
    expect(report.ok).toBe(true);
    expect(report.probes.find((p) => p.id === 'tls')).toMatchObject({ verdict: 'pass', got: expect.stringMatching(/^https TLSv1\.[23] /) });
  });

  it('skips the unknown-customer probe without --missing, and still passes', async () => {
    const endpoint = await track(startEndpoint());
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND });
    expect(report.probes.find((p) => p.id === 'missing')).toMatchObject({ verdict: 'skip' });
    expect(report.ok).toBe(true);
  });
});

describe('runCheck against broken endpoints', () => {
  it('fails an endpoint that never checks the signature, on every forged request', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'no-signature-check' }));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    expect(report.ok).toBe(false);
    for (const id of ATTACKS) expect(verdicts(report)[id], id).toBe('fail');
    expect(report.probes.find((p) => p.id === 'wrong-key')?.note).toContain('not verified');
  });

  it('fails an endpoint without the ±5 minute window on the 6-minute probes only', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'no-timestamp-window' }));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    const failed = report.probes.filter((p) => p.verdict === 'fail').map((p) => p.id);
    expect(failed).toEqual(['stale-6m', 'future-6m']);
  });

  it('warns, not fails, an endpoint that refuses a bad signature with 400: the agent reads "no result"', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'bad-signature-400' }));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    const wrongKey = report.probes.find((p) => p.id === 'wrong-key');
    expect(wrongKey).toMatchObject({ verdict: 'warn', status: 400, agent: { ko: '조회 결과가 없습니다.' } });
    expect(wrongKey?.note).toContain('refused, but the agent reads "조회 결과가 없습니다."');
    for (const id of ATTACKS) expect(verdicts(report)[id], id).toBe('warn');
    expect(report.ok).toBe(true);
  });

  it('fails a parser crash (500) on invalid JSON and a hang on a 1 MiB body', async () => {
    const endpoint = await track(
      startServer((_req, res, body) => {
        if (body.length > 64 * 1024) return; // never answers
        try {
          JSON.parse(body.toString());
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"userName":"x"}}');
        } catch {
          res.writeHead(500).end('Internal Server Error');
        }
      }),
    );
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, timeoutMs: 1000 });
    expect(report.probes.find((p) => p.id === 'invalid-json')).toMatchObject({ verdict: 'fail', status: 500 });
    const large = report.probes.find((p) => p.id === 'large-body');
    expect(large).toMatchObject({ verdict: 'fail', status: 0 });
    expect(large?.got).toContain('timed out');
  });

  it('warns when a 1 MiB body is dropped without an HTTP answer: not a hang, but the agent sees an error', async () => {
    const endpoint = await track(
      startServer(
        (req, res) => {
          if (Number(req.headers['content-length']) > 64 * 1024) return void req.socket.destroy();
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"userName":"x"}}');
        },
        { readBody: false },
      ),
    );
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND });
    expect(report.probes.find((p) => p.id === 'large-body')).toMatchObject({ verdict: 'warn', status: 0 });
  });

  it('fails non-string result items', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(200).end('{"data":{"cashTotal":0}}')));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND });
    expect(report.probes[0]).toMatchObject({ id: 'found', verdict: 'fail' });
    expect(report.probes[0]?.note).toContain('cashTotal');
  });

  it('stops after the first probe when nothing answers, saying why', async () => {
    const endpoint = await startEndpoint();
    await endpoint.close();
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND });
    expect(report.probes.map((p) => p.id)).toEqual(['found', 'tls']);
    expect(report.ok).toBe(false);
    expect(report.probes[0]?.got).toContain('ECONNREFUSED');
    expect(report.probes[0]?.note).toBe('no HTTP answer; the other probes were not run');
  });
});

describe('formatReport', () => {
  it('prints the table, the notes and a summary, never the key or a full signature', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'bad-signature-400' }));
    const report = await runCheck({ url: endpoint.url, key: KEY, found: FOUND, missing: MISSING });
    const text = formatReport(report);
    expect(text).toMatch(/^#\s+probe\s+expected\s+got\s+agent sees\s+result$/m);
    expect(text).toMatch(/wrong-key .*400 error.*조회 결과가 없습니다\..*WARN/);
    expect(text).toMatch(/Notes:\n/);
    expect(text).toMatch(/18 probes: \d+ pass, 0 fail, \d+ warn, \d+ skip: OK with warnings\n$/);
    expect(text).not.toContain(KEY);
    for (const r of endpoint.requests) {
      if (r.headers.authorization) expect(text).not.toContain(r.headers.authorization);
    }
  });
});
