import { apiKeyPrefix } from '../../server/config/apis.js';
import { ConfigError } from '../../server/config/error.js';
import type { EndpointConfig } from '../../server/config/types.js';
import { loadConfigFile } from '../../server/config/load-file.js';
import type { RunningServer } from '../../server/transport/http.js';
import { listeningOn } from '../../server/transport/address.js';
import { keyFingerprint } from '../../protocol/key-fingerprint.js';
import { waitForStopSignal, type Io } from '../command.js';
import { namedAfter } from './start-error.js';

/**
 * Prints each API's URL and its keys' fingerprints: the operator can see which keys this server
 * holds (against `custlink keygen --fingerprint` or the console) without a key being printed.
 *
 * @example
 * announce(config, server, io);
 * // custlink serve: listening on http://127.0.0.1:8080/
 * // custlink serve: key fingerprints 63d82c4e (custlink keygen --fingerprint; the console shows its own)
 */
export function announce(config: EndpointConfig, server: RunningServer, io: Io): void {
  const { host, tls } = config.listen;
  const single = apiKeyPrefix(config, 0) === '';
  for (const { name, path, auth } of config.apis) {
    const named = single ? '' : ` (${name})`;
    io.stdout.write(`custlink serve: listening on ${listeningOn(host, server.port, tls === undefined ? 'http' : 'https', path)}${named}\n`);
    if (auth.keys.length > 0) io.stdout.write(`custlink serve: key fingerprints${named} ${auth.keys.map(keyFingerprint).join(', ')} (custlink keygen --fingerprint; the console shows its own)\n`);
  }
}

/**
 * Serves until `until` resolves (default: SIGTERM or SIGINT), reloading the config on every
 * SIGHUP, then closes once the requests in flight are answered. Resolves to the exit code, 0.
 *
 * @example
 * return serveUntilStopped(server, 'custlink.yaml', undefined, io);
 */
export async function serveUntilStopped(server: RunningServer, file: string, port: number | undefined, io: Io, until?: Promise<unknown>): Promise<number> {
  // One reload at a time: a second SIGHUP waits for the first to finish.
  let reloading = Promise.resolve();
  const onReload = (): void => {
    reloading = reloading.then(() => reload(server, file, port, io));
  };
  process.on('SIGHUP', onReload);
  try {
    await (until ?? waitForStopSignal());
  } finally {
    process.off('SIGHUP', onReload);
  }
  io.stderr.write('custlink serve: stopping\n');
  // A reload that finished after close would leave its new endpoint, and its source, open.
  await reloading;
  await server.close();
  return 0;
}

/** Never rejects: a config that fails is reported and the previous one keeps serving. */
async function reload(server: RunningServer, file: string, port: number | undefined, io: Io): Promise<void> {
  try {
    const config = loadConfigFile(file, io.env);
    if (port !== undefined) config.listen.port = port;
    await server.reload(config);
    io.stderr.write(`custlink serve: reloaded ${file}\n`);
  } catch (error) {
    const message = error instanceof ConfigError ? namedAfter(error, file).message : String(error);
    io.stderr.write(`custlink serve: reload refused, the previous config keeps serving: ${message}\n`);
  }
}
