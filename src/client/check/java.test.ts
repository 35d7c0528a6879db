import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUND, KEY, MISSING } from '../test-utils/servers.js';
import { javaAvailable, startJavaEndpoint } from '../test-utils/java.js';
import { runCheck } from './run.js';

// Outside CI a machine without a JDK skips these; in CI a missing java must fail loudly.
const skip = !javaAvailable() && process.env.CI !== 'true';

describe.skipIf(skip)('runCheck against the guide\'s Java verification (GuideEndpoint.java)', () => {
  let body: Awaited<ReturnType<typeof startJavaEndpoint>>;
  let uri: Awaited<ReturnType<typeof startJavaEndpoint>>;
  let badRequest: Awaited<ReturnType<typeof startJavaEndpoint>>;
  beforeAll(async () => {
    [body, uri, badRequest] = await Promise.all([
      startJavaEndpoint(KEY),
      startJavaEndpoint(KEY, 'uri+body+timestamp'),
      startJavaEndpoint(KEY, 'body+timestamp', '/oc/customer', 400),
    ]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([body?.close(), uri?.close(), badRequest?.close()]);
  });

  it('passes it: nothing fails, only the optional replay protection warns', async () => {
    const report = await runCheck({ url: body.url, key: KEY, found: FOUND, missing: MISSING });
    expect(report.ok).toBe(true);
    // Latency depends on a JVM that has just started; it may warn, never fail. All else passes.
    const notPassed = report.probes.filter((p) => p.verdict !== 'pass' && p.id !== 'latency');
    expect(notPassed.map((p) => `${p.id}:${p.verdict}`)).toEqual(['replay:warn']);
    expect(report.probes.find((p) => p.id === 'missing')).toMatchObject({ got: '400 error (code 911)' });
  });

  it('passes it with the uri+body+timestamp scheme', async () => {
    const report = await runCheck({ url: uri.url, key: KEY, found: FOUND, missing: MISSING, scheme: 'uri+body+timestamp' });
    expect(report.ok).toBe(true);
  });

  it("warns, not fails, the guide's own error.bad_request: forged requests refused with 400", async () => {
    const report = await runCheck({ url: badRequest.url, key: KEY, found: FOUND, missing: MISSING });
    expect(report.ok).toBe(true);
    const forged = ['wrong-key', 'tampered-body', 'tampered-timestamp', 'no-authorization', 'no-timestamp', 'non-numeric-timestamp', 'stale-6m', 'future-6m'];
    const refused = report.probes.filter((p) => forged.includes(p.id));
    expect(refused).toHaveLength(forged.length);
    for (const probe of refused) {
      expect(probe, probe.id).toMatchObject({ verdict: 'warn', agent: { ko: '조회 결과가 없습니다.' } });
      expect(probe.note).toContain('refused, but the agent reads "조회 결과가 없습니다."');
    }
  });

  it('sees every forged request refused when checking with the wrong key', async () => {
    const report = await runCheck({ url: body.url, key: 'another-key-entirely-0000', found: FOUND });
    expect(report.probes[0]).toMatchObject({ id: 'found', verdict: 'fail', status: 403 });
    expect(report.probes[0]?.note).toContain('--key');
  });
});

if (skip) {
  describe('runCheck against the Java guide endpoint', () => {
    it.skip('skipped: no java on PATH (set CI=true to make this a failure)', () => undefined);
  });
}
