import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import { isLoopback } from '../../utils/loopback.js';
import type { Probe, ProbeContext, ProbeResult, TlsFacts } from './types.js';

const DAY_MS = 86_400_000;
/** Fewer days than this before the certificate expires is a warning: renewal is due. */
const RENEW_DAYS = 30;

/**
 * Whether the URL is HTTPS, and for HTTPS what a handshake shows: protocol, cipher, the
 * certificate's subject, issuer and expiry, whether it names the host and whether it is trusted
 * (with `--ca`). Plain HTTP passes only on loopback (local testing); elsewhere the lookup items
 * and customer data would cross the network in clear.
 *
 * @example
 * (await tlsProbe(ctx)).verdict // 'warn' for http://crm.example.com/
 */
export const tlsProbe: Probe = async (ctx) => {
  const url = ctx.client.url;
  const base = { id: 'tls', title: 'transport', expected: 'https', got: url.protocol.slice(0, -1), agent: null };
  if (url.protocol === 'https:') return judgeTls(base, await tlsFacts(ctx));
  if (isLoopback(url.hostname)) return { ...base, verdict: 'pass', note: 'plain HTTP on loopback: local testing only' };
  return { ...base, verdict: 'warn', note: 'plain HTTP: lookup items and customer data travel unencrypted; use HTTPS' };
};

function judgeTls(base: Omit<ProbeResult, 'verdict'>, tls: TlsFacts): ProbeResult {
  const got = tls.protocol === null ? `https, no handshake: ${tls.error ?? 'unknown'}` : `https ${tls.protocol} ${tls.cipher ?? ''}`.trim();
  const result = { ...base, got, tls };
  if (tls.protocol === null) return { ...result, verdict: 'fail', note: 'no TLS handshake' };
  if (!tls.authorized) return { ...result, verdict: 'fail', note: `certificate not trusted (${tls.error ?? 'unknown'}): the helpdesk would refuse it` };
  if (!tls.hostnameMatch) return { ...result, verdict: 'fail', note: 'the certificate does not name the URL\'s host' };
  if (tls.daysToExpiry !== null && tls.daysToExpiry < RENEW_DAYS) {
    return { ...result, verdict: 'warn', note: `the certificate expires in ${tls.daysToExpiry} days: renew it` };
  }
  return { ...result, verdict: 'pass' };
}

/**
 * One TLS handshake with the endpoint (certificate checks off, so an untrusted certificate can
 * still be described), with the facts a go-live review reads. Never rejects.
 *
 * @example
 * (await tlsFacts(ctx)).daysToExpiry // 87
 */
function tlsFacts(ctx: Pick<ProbeContext, 'client' | 'ca' | 'timeoutMs'>): Promise<TlsFacts> {
  const url = ctx.client.url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const none = (error: string): TlsFacts => ({
    protocol: null, cipher: null, subject: null, issuer: null, validTo: null, daysToExpiry: null, hostnameMatch: false, authorized: false, error,
  });
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      // SNI carries host names only, never an address (RFC 6066).
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(ctx.ca === undefined ? {} : { ca: ctx.ca }),
      rejectUnauthorized: false,
      timeout: ctx.timeoutMs,
    });
    const done = (facts: TlsFacts): void => {
      socket.destroy();
      resolve(facts);
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const validTo = cert.valid_to ? new Date(cert.valid_to) : undefined;
      const authError = socket.authorizationError;
      done({
        protocol: socket.getProtocol(),
        cipher: socket.getCipher()?.name ?? null,
        subject: describeName(cert.subject),
        issuer: describeName(cert.issuer),
        validTo: validTo ? validTo.toISOString() : null,
        daysToExpiry: validTo ? Math.floor((validTo.getTime() - Date.now()) / DAY_MS) : null,
        hostnameMatch: Object.keys(cert).length > 0 && checkServerIdentity(host, cert) === undefined,
        authorized: socket.authorized,
        ...(authError ? { error: typeof authError === 'string' ? authError : String(authError) } : {}),
      });
    });
    socket.once('timeout', () => done(none(`timed out after ${ctx.timeoutMs} ms`)));
    socket.once('error', (error: NodeJS.ErrnoException) => done(none(error.code ?? error.message)));
  });
}

function describeName(name: PeerCertificate['subject'] | undefined): string | null {
  if (!name) return null;
  const parts = Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}
