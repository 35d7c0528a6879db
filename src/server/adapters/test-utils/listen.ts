import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a node server on a random port and returns its base URL and a closer.
 *
 * @example
 * const { url, close } = await listen(http.createServer(app));
 */
export async function listen(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
