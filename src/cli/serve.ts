import cluster from 'node:cluster';
import pino from 'pino';
import type { ClusterView } from '../server/cluster/ipc.js';
import { checkWorkers } from '../server/cluster/options.js';
import { runPrimary } from '../server/cluster/primary.js';
import { serveAsWorker } from '../server/cluster/worker.js';
import { ConfigError } from '../server/config/error.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { apiKeyPrefix, apiView } from '../server/config/apis.js';
import type { EndpointConfig } from '../server/config/types.js';
import type { Source } from '../server/types.js';
import { createEndpoint } from '../server/endpoint.js';
import { startServer, type RunningServer } from '../server/transport/http.js';
import { keptOpen } from '../server/transport/reload.js';
import { checkListen, checkPort, listenError, listeningOn, readTls } from '../server/transport/listen.js';
import { openSource } from '../server/sources/index.js';
import { intOption, parseCommand, waitForStopSignal, workersOption, type Command, type Io } from './command.js';
import { counted } from '../utils/plural.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';

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
  const args = parseCommand({ usage: USAGE }, argv, io, { config: { type: 'string', short: 'c' }, port: { type: 'string' }, workers: { type: 'string' }, check: { type: 'boolean' } });
  if (!args) return 0;
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
  let server: RunningServer;
  let config: EndpointConfig | undefined;
  try {
    config = load();
    if (args.values.check === true) return await checkOnly(config, file, io);
    if (workers !== undefined && cluster.isPrimary) {
      return await runPrimary({ workers, argv, config, load, stdout: io.stdout, stderr: io.stderr, until: options.until ?? waitForStopSignal() });
    }
    server = await startServer(config, {
      ...(options.logger && { logger: options.logger }),
      ...(options.cluster && { cluster: options.cluster }),
      checkStoredForm: options.checkStoredForm ?? true,
    });
  } catch (caught) {
    const error = (config && listenError(caught, config.listen.host, config.listen.port)) ?? caught;
    if (error instanceof ConfigError) {
      // Errors found at start (the database, TLS files) are named after the config file too.
      const named = error.file === undefined ? new ConfigError(error.issues, file) : error;
      io.stderr.write(`custlink serve: ${named.message}\n`);
      return 2;
    }
    throw error;
  }
  const { host, tls } = config.listen;
  const single = apiKeyPrefix(config, 0) === '';
  for (const { name, path, auth } of config.apis) {
    const named = single ? '' : ` (${name})`;
    io.stdout.write(`custlink serve: listening on ${listeningOn(host, server.port, tls === undefined ? 'http' : 'https', path)}${named}\n`);
    if (auth.keys.length > 0) io.stdout.write(`custlink serve: key fingerprints${named} ${auth.keys.map(keyFingerprint).join(', ')} (custlink keygen --fingerprint; the console shows its own)\n`);
  }
  options.onListening?.(server);
  // One reload at a time: a second SIGHUP waits for the first to finish.
  let reloading = Promise.resolve();
  const onReload = (): void => {
    reloading = reloading.then(() => reload(server, file, port, io));
  };
  process.on('SIGHUP', onReload);
  try {
    await (options.until ?? waitForStopSignal());
  } finally {
    process.off('SIGHUP', onReload);
  }
  io.stderr.write('custlink serve: stopping\n');
  await reloading;
  await server.close();
  return 0;
}

/** `--check`: everything `serve` does before listening, for every API, with the warnings as plain lines. */
async function checkOnly(config: EndpointConfig, file: string, io: Io): Promise<number> {
  if (config.listen.tls !== undefined) readTls(config.listen.tls);
  await checkListen(config.listen);
  const warnings: string[] = [];
  // Every API's lines carry its name; with one API, naming it would only add noise.
  const single = apiKeyPrefix(config, 0) === '';
  const logger = pino({ level: 'warn' }, {
    write: (line: string) => {
      const { msg, api } = JSON.parse(line) as { msg: string; api?: string };
      warnings.push(api === undefined || single ? msg : `${api}: ${msg}`);
    },
  });
  const sources: Record<string, Source> = {};
  const apis: string[] = [];
  try {
    for (const [i, api] of config.apis.entries()) {
      const at = apiKeyPrefix(config, i);
      const source = await openSource(apiView(config, api)).catch((error: unknown) => {
        throw error instanceof ConfigError && at !== '' ? new ConfigError(error.issues.map((issue) => ({ ...issue, path: at + issue.path }))) : error;
      });
      sources[api.name] = source;
      await source.ready().catch((error: unknown) => {
        throw new ConfigError([{ path: `${at}source`, message: `opened, but does not answer a readiness check: ${(error as Error).message}` }]);
      });
      const items = `${counted(Object.keys(api.lookup).length, 'lookup item')}, ${counted(Object.keys(api.result).length, 'result item')}`;
      apis.push(`${at === '' ? '' : `${api.name}: `}${api.source.type} source answers; ${items}`);
    }
    // The endpoint checks the result items against the sources' columns, samples the stored form
    // of normalized lookup items through these sources, and opens the replay stores.
    const kept = Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, keptOpen(source)]));
    await (await createEndpoint(config, { logger, sources: kept, checkStoredForm: true })).close();
  } finally {
    await Promise.all(Object.values(sources).map((source) => source.close()));
  }
  io.stdout.write(`custlink serve: ${file} would start: ${apis.join('; ')}; not started (--check)\n`);
  for (const warning of warnings) io.stdout.write(`  warning: ${warning}\n`);
  return 0;
}

async function reload(server: RunningServer, file: string, port: number | undefined, io: Io): Promise<void> {
  try {
    const config = loadConfigFile(file, io.env);
    if (port !== undefined) config.listen.port = port;
    await server.reload(config);
    io.stderr.write(`custlink serve: reloaded ${file}\n`);
  } catch (error) {
    const message = error instanceof ConfigError ? (error.file === undefined ? new ConfigError(error.issues, file) : error).message : String(error);
    io.stderr.write(`custlink serve: reload refused, the previous config keeps serving: ${message}\n`);
  }
}

export const command: Command = {
  name: 'serve',
  usage: USAGE,
  run: (argv, io) => runServe(argv, io),
};
