import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate (its own issuer) for 127.0.0.1, made fresh with openssl. */
export interface SelfSigned {
  key: Buffer;
  cert: Buffer;
}

/**
 * Makes a self-signed certificate valid `days` days for `localhost` and `127.0.0.1`.
 *
 * @example
 * const { key, cert } = selfSignedCertificate();
 */
export function selfSignedCertificate(days = 90): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-selfsigned-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', String(days),
      '-subj', '/CN=localhost/O=custlink self-signed test', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An HTTPS server on 127.0.0.1 with that certificate, answering every request with `answer`.
 *
 * @example
 * const server = await startSelfSigned(selfSignedCertificate(), (req, res) => res.end('{}'));
 */
export async function startSelfSigned(
  tls: SelfSigned,
  answer: RequestListener,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer(tls, answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/oc/customer`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
