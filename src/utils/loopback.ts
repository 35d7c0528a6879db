/**
 * Whether a host (a URL host name or a listen address) is the local machine: `localhost` and its
 * subdomains, `127.0.0.0/8`, and `::1` with or without brackets (also as IPv4-mapped `127.x`).
 *
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('[::1]')     // true
 * isLoopback('0.0.0.0')   // false: every interface
 */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === '::1' ||
    /^::ffff:(127\.|7f)/.test(name)
  );
}
