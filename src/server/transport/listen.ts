import { createServer } from 'node:net';
import { ConfigError } from '../config/error.js';

/**
 * A `--port` (or any port) outside 0-65535 as a `ConfigError` on `listen.port`.
 *
 * @example
 * checkPort(99999) // throws: listen.port: 99999 is not a port (1-65535, or 0 for any free port)
 */
export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError([{ path: 'listen.port', message: `${port} is not a port (1-65535, or 0 for any free port)` }]);
  }
}

/**
 * Why the listen address cannot be bound, as a `ConfigError` naming the key, instead of Node's
 * raw `listen EADDRINUSE`; `undefined` for an error that is not about the address.
 *
 * @example
 * listenError(error, '127.0.0.1', 8080)?.message // 'config: listen: 127.0.0.1:8080 is in use ...'
 */
export function listenError(error: unknown, host: string, port: number): ConfigError | undefined {
  const { code, syscall, hostname } = error as NodeJS.ErrnoException & { hostname?: string };
  // Only the listen socket's own errors: a database host that does not resolve is not listen.host.
  if (syscall !== 'listen' && !(syscall === 'getaddrinfo' && hostname === host)) return undefined;
  const issue = (path: string, message: string) => new ConfigError([{ path, message }], undefined, { cause: error });
  switch (code) {
    case 'EADDRINUSE':
      return issue('listen', `${host}:${port} is in use (another process listens there: stop it, or choose another listen.port)`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return issue('listen.host', `${host} is not an address this machine has (0.0.0.0 listens on every IPv4 address)`);
    case 'EACCES':
      return issue('listen.port', `${port} needs privileges (a port below 1024: run as root or with CAP_NET_BIND_SERVICE, or use a port from 1024 up)`);
    default:
      return undefined;
  }
}

/**
 * Binds the listen address for a moment and lets it go (`serve --check`): a bad host, a port
 * in use or a privileged port fails here with `listenError`'s message, not at the real start.
 *
 * @example
 * await checkListen({ host: '127.0.0.1', port: 8080 });
 */
export async function checkListen(listen: { host: string; port: number }): Promise<void> {
  checkPort(listen.port);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => resolve());
    });
  } catch (error) {
    throw listenError(error, listen.host, listen.port) ?? error;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
