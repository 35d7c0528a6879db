import { describe, expect, it } from 'vitest';
import { startEndpoint, TEST_CA, trackServers } from '../test-utils/servers.js';
import { createContext } from './context.js';
import { selfSignedCertificate, startSelfSigned } from './test-utils/self-signed.js';
import { tlsProbe } from './tls-probe.js';

const track = trackServers();

describe('tls probe', () => {
  it('warns on plain HTTP to another host, passes loopback HTTP', async () => {
    const verdict = async (url: string) => (await tlsProbe(createContext({ url, key: 'k', found: {} }))).verdict;
    expect(await verdict('http://crm.example.com/oc')).toBe('warn');
    expect(await verdict('http://127.0.0.1:8080/oc')).toBe('pass');
    expect(await verdict('http://[::1]:8080/oc')).toBe('pass');
  });

  it('passes HTTPS with a trusted certificate, and reads protocol, cipher, names and expiry off the session', async () => {
    const endpoint = await track(startEndpoint({ tls: true }));
    const result = await tlsProbe(createContext({ url: endpoint.url, key: 'k', found: {}, ca: TEST_CA }));
    expect(result.verdict).toBe('pass');
    expect(result.tls).toMatchObject({ authorized: true, hostnameMatch: true, subject: 'CN=localhost', issuer: 'CN=custlink test CA' });
    expect(result.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.tls?.cipher).toMatch(/\w/);
    expect(result.tls?.daysToExpiry).toBeGreaterThan(30_000);
  });

  it('fails a self-signed certificate that is not trusted, still describing it; trusts it given as --ca', async () => {
    const cert = selfSignedCertificate(10);
    const server = await startSelfSigned(cert, (_req, res) => res.end('{}'));
    try {
      const untrusted = await tlsProbe(createContext({ url: server.url, key: 'k', found: {} }));
      expect(untrusted.verdict).toBe('fail');
      expect(untrusted.tls).toMatchObject({ authorized: false, hostnameMatch: true, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(untrusted.tls?.subject).toContain('CN=localhost');
      expect(untrusted.tls?.issuer).toBe(untrusted.tls?.subject);
      const trusted = await tlsProbe(createContext({ url: server.url, key: 'k', found: {}, ca: cert.cert }));
      // Trusted now, but 10 days from expiry: renewal is due.
      expect(trusted).toMatchObject({ verdict: 'warn', tls: { authorized: true, daysToExpiry: 9 } });
    } finally {
      await server.close();
    }
  });
});
