import cluster from 'node:cluster';
import type pino from 'pino';
import type { ClusterView } from '../server/vocabulary/cluster.js';
import { runPrimary } from '../server/cluster/primary.js';
import { serveAsWorker } from '../server/cluster/worker.js';
import type { EndpointConfig } from '../server/config/types.js';
import { startServer, type RunningServer } from '../server/transport/http.js';
import { waitForStopSignal, type Command, type Io } from './command.js';
import { checkOnly } from './serve/check-only.js';
import { announce, serveUntilStopped } from './serve/lifecycle.js';
import { serveArgs } from './serve/options.js';
import { startFailed } from './serve/start-error.js';

const USAGE = `Usage: custlink serve [--config custlink.yaml] [--port N] [--workers N|auto] [--check]

Starts the customer-info endpoint the config describes and prints its URL. Stops on SIGTERM or
SIGINT after the requests in flight are answered. A config error is printed and exits 2.
SIGHUP reads the config again and applies it without dropping a request (keys, items, source,
result, limits, renewed TLS files); a config that fails keeps the previous one serving.
\${NAME} variables keep the values the process started with.
  --config FILE   the YAML config (default custlink.yaml; custlink init writes one)
  --port N        listen on this port instead of listen.port (0: any free port)
  --workers N     N processes share the port (auto: one per core); a worker that dies is
                  started again, SIGHUP and SIGTERM reach every worker, /metrics sums them,
                  /readyz is ready when all are. auth.replay needs store: redis with N > 1
  --check         check the config, the TLS files and the source (connect, describe the query),
                  print the warnings, and exit without serving: 0 if it would start, 2 if not`;

export interface ServeOptions {
  /** Resolves when the server should stop (default: SIGTERM or SIGINT). */
  until?: Promise<unknown>;
  /** Called once listening, e.g. by tests to reach the server. */
  onListening?: (server: RunningServer) => void;
  logger?: pino.Logger;
  /** In a `--workers` worker: `/metrics` and `/readyz` answer for every worker. */
  cluster?: ClusterView;
  /** Whether the start samples the stored form of normalized lookup items (default: yes; a `--workers` worker but the first: no). */
  checkStoredForm?: boolean;
}

/**
 * `custlink serve`, with the stop signal injectable so it can run in-process.
 *
 * @example
 * process.exitCode = await runServe(['--config', 'custlink.yaml'], processIo());
 */
export async function runServe(argv: string[], io: Io, options: ServeOptions = {}): Promise<number> {
  // A `--workers` worker runs the same command, its output and stop signal through the primary.
  if (cluster.isWorker) return serveAsWorker(io.stderr, (hooks) => serve(argv, { ...io, ...hooks }, { ...options, ...hooks }));
  return serve(argv, io, options);
}

async function serve(argv: string[], io: Io, options: ServeOptions): Promise<number> {
  const args = serveArgs({ usage: USAGE }, argv, io);
  if (!args) return 0;
  const { file, port, workers, load } = args;
  let server: RunningServer;
  let config: EndpointConfig | undefined;
  // `--check` and the primary fail like a start does: a config error exits 2, named after the file.
  try {
    config = load();
    if (args.check) return await checkOnly(config, file, io);
    if (workers !== undefined && cluster.isPrimary) {
      return await runPrimary({ workers, argv, config, load, stdout: io.stdout, stderr: io.stderr, until: options.until ?? waitForStopSignal() });
    }
    server = await startServer(config, {
      ...(options.logger && { logger: options.logger }),
      ...(options.cluster && { cluster: options.cluster }),
      checkStoredForm: options.checkStoredForm ?? true,
    });
  } catch (caught) {
    return startFailed(caught, config, file, io);
  }
  announce(config, server, io);
  options.onListening?.(server);
  return serveUntilStopped(server, file, port, io, options.until);
}

export const command: Command = {
  name: 'serve',
  usage: USAGE,
  run: (argv, io) => runServe(argv, io),
};
