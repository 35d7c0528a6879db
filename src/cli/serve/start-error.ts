import { ConfigError } from '../../server/config/error.js';
import type { EndpointConfig } from '../../server/config/types.js';
import { listenError } from '../../server/transport/listen.js';
import type { Io } from '../command.js';

/**
 * The error with the config file's name on every line. Errors found after parsing (the
 * database, TLS files, the listen port) do not know the file; the user edits it, so it is named.
 *
 * @example
 * namedAfter(new ConfigError([{ path: 'source', message: 'refused' }]), 'custlink.yaml').message // 'custlink.yaml: source: refused'
 */
export function namedAfter(error: ConfigError, file: string): ConfigError {
  return error.file === undefined ? new ConfigError(error.issues, file) : error;
}

/**
 * What `serve` answers when it cannot start: a config error (Node's `listen EADDRINUSE` and the
 * like become one naming listen) is printed as `custlink serve: ...` and exits 2; anything else
 * is rethrown for the command runner to print as an unexpected failure (exit 1).
 *
 * @example
 * let config: EndpointConfig | undefined;
 * try { config = args.load(); } catch (caught) { return startFailed(caught, config, args.file, io); }
 */
export function startFailed(caught: unknown, config: EndpointConfig | undefined, file: string, io: Io): number {
  // Without a config there is no listen address the error could be about.
  const error = (config && listenError(caught, config.listen.host, config.listen.port)) ?? caught;
  if (error instanceof ConfigError) {
    io.stderr.write(`custlink serve: ${namedAfter(error, file).message}\n`);
    return 2;
  }
  throw error;
}
