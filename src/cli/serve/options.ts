import { checkWorkers } from '../../server/cluster/options.js';
import { loadConfigFile } from '../../server/config/load-file.js';
import type { EndpointConfig } from '../../server/config/types.js';
import { checkPort } from '../../server/transport/listen.js';
import { intOption, parseCommand, workersOption, type Command, type Io } from '../command.js';

/** `serve`'s command line, read once. */
export interface ServeArgs {
  /** The config file, named in every config error and reload line. */
  file: string;
  /** `--port`, kept over listen.port at start and at every reload. */
  port: number | undefined;
  /** `--workers`: undefined serves in this process. */
  workers: number | undefined;
  /** `--check`: check and exit without serving. */
  check: boolean;
  /** Reads the config with `--port` and `--workers` applied; throws a `ConfigError` if either does not fit it. */
  load: () => EndpointConfig;
}

/**
 * `serve`'s flags, or `null` when `--help` printed the command's usage. A malformed `--port` or
 * `--workers` is a usage error here; whether they fit the config is only known once `load` reads
 * it, and is a config error then.
 *
 * @example
 * const args = serveArgs(command, ['--config', 'custlink.yaml', '--port', '0'], io);
 * if (!args) return 0;
 * const config = args.load();
 */
export function serveArgs(command: Pick<Command, 'usage'>, argv: string[], io: Io): ServeArgs | null {
  const args = parseCommand(command, argv, io, { config: { type: 'string', short: 'c' }, port: { type: 'string' }, workers: { type: 'string' }, check: { type: 'boolean' } });
  if (!args) return null;
  const file = args.values.config ?? 'custlink.yaml';
  const port = intOption(args.values.port, '--port');
  const workers = workersOption(args.values.workers);
  const load = (): EndpointConfig => {
    const loaded = loadConfigFile(file, io.env);
    if (port !== undefined) {
      checkPort(port);
      loaded.listen.port = port;
    }
    if (workers !== undefined) checkWorkers(loaded, workers);
    return loaded;
  };
  return { file, port, workers, check: args.values.check === true, load };
}
