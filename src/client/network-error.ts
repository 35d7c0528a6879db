const EXPLAINED: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'DNS lookup failed (no such host)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure)',
  ECONNRESET: 'connection reset by the server before it answered',
  EPIPE: 'the server closed the connection while the body was being sent, without answering',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate (pass its CA with --ca / the ca option)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in the chain (pass the CA with --ca / the ca option)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate not signed by a trusted CA',
  CERT_HAS_EXPIRED: 'TLS: certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate is not valid for this host name',
};

/**
 * One line saying why no HTTP answer arrived, in words an operator can act on, with the
 * system's code kept for searching.
 *
 * @example
 * describeNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), new URL('http://127.0.0.1:9/'))
 * // 'connection refused (nothing listens on that port) [ECONNREFUSED] 127.0.0.1:9'
 */
export function describeNetworkError(error: Error, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code;
  const where = url.host;
  if (code !== undefined && EXPLAINED[code] !== undefined) return `${EXPLAINED[code]} [${code}] ${where}`;
  return `${error.message}${code ? ` [${code}]` : ''} ${where}`;
}
