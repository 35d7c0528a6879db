/* A wildcard bind (0.0.0.0, ::) is no address to connect to: what is bound and what to use
 * from this machine are written apart, for the startup line and for URLs. */

/**
 * A host to put in a URL that clients can connect to: wildcard binds become loopback.
 *
 * @example
 * urlHost('0.0.0.0') // '127.0.0.1'
 * urlHost('::1')     // '[::1]'
 */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

const WILDCARDS: Record<string, string> = { '0.0.0.0': 'every IPv4 address', '::': 'every address', '[::]': 'every address' };

/**
 * The startup line's address: the one bound, and for a wildcard what it means and the URL to
 * use from this machine.
 *
 * @example
 * listeningOn('0.0.0.0', 8080, 'http', '/') // 'http://0.0.0.0:8080/ (every IPv4 address of this machine; from here: http://127.0.0.1:8080/)'
 */
export function listeningOn(host: string, port: number, protocol: 'http' | 'https', path: string): string {
  const bound = `${protocol}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}${path}`;
  const wildcard = WILDCARDS[host];
  return wildcard === undefined ? bound : `${bound} (${wildcard} of this machine; from here: ${protocol}://${urlHost(host)}:${port}${path})`;
}
