import cluster, { type Worker } from 'node:cluster';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EndpointConfig } from '../config/types.js';
import { createClusterMetrics } from '../ops/metrics.js';
import { createAnswers } from './answers.js';
import { watchHeartbeats } from './heartbeat.js';
import { hangUpHandler } from './hang-up.js';
import { WORKER_INDEX_ENV } from '../vocabulary/cluster.js';
import { CHECK_STORED_FORM_ENV, isOurs, type ToPrimary } from './ipc.js';
import { createRestarts } from './restart.js';
import { stopWorker } from './stop-worker.js';

/** The `custlink` entry next to this module, `.ts` under tsx, `.js` once built. */
const BIN = fileURLToPath(new URL(`../../cli/bin${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

type Writer = { write(text: string): unknown };

export interface PrimaryOptions {
  workers: number;
  /** The `serve` arguments each worker runs with. */
  argv: string[];
  /** The config the workers start with, already checked. */
  config: EndpointConfig;
  /** Reads and checks the config again (SIGHUP); throws when it is refused. */
  load(): EndpointConfig;
  stdout: Writer;
  stderr: Writer;
  /** Resolves when every worker should drain and the primary exit. */
  until: Promise<unknown>;
}

/**
 * The `serve --workers N` primary: forks N workers sharing the port, restarts one that dies or
 * falls silent past `limits.workerHeartbeatTimeoutMs` (killed, then restarted),
 * checks the config before passing SIGHUP on, answers the workers' `/metrics` and `/readyz`,
 * and on stop lets every worker drain. Resolves to the exit code: 0 after a stop, that of a
 * worker that could not start at first.
 *
 * @example
 * process.exitCode = await runPrimary({ workers: 4, argv, config, load, stdout, stderr, until: waitForStopSignal() });
 */
export async function runPrimary(options: PrimaryOptions): Promise<number> {
  const { workers, stderr } = options;
  cluster.setupPrimary({ exec: BIN, args: ['serve', ...options.argv] });
  let timeoutMs = options.config.limits.sourceTimeoutMs;
  const listening = new Map<Worker, number>();
  const forkedAt = new Map<Worker, number>();
  // Slots 1..N; a dead worker's slot goes to the one started in its place.
  const slots = new Map<Worker, number>();
  const freeSlots = Array.from({ length: workers }, (_, i) => i + 1);
  const metrics = createClusterMetrics();
  const answers = createAnswers({ workers, listening, timeoutMs: () => timeoutMs, registry: metrics.registry });
  let heartbeatTimeoutMs = options.config.limits.workerHeartbeatTimeoutMs;
  const heartbeats = watchHeartbeats({
    timeoutMs: () => heartbeatTimeoutMs,
    onSilent(worker, silentMs) {
      metrics.replaced('heartbeat');
      stderr.write(`custlink serve: warning: worker ${worker.id} (pid ${worker.process.pid}) sent no heartbeat for ${silentMs} ms (limits.workerHeartbeatTimeoutMs ${heartbeatTimeoutMs}); killing it to start another\n`);
      worker.process.kill('SIGKILL');
    },
  });
  const restarts = createRestarts(() => fork());
  let url = '';
  let started = false;
  let stopping = false;
  let reloadedAt = 0;
  let startedWith!: (code: number | undefined) => void;
  const start = new Promise<number | undefined>((resolve) => (startedWith = resolve));

  const onMessage = (worker: Worker, message: unknown): void => {
    if (!isOurs<ToPrimary>(message)) return;
    // Watched from its listening on: a start (tsx, a large database's checks) may take longer.
    if (message.custlink === 'heartbeat') return void (listening.has(worker) && heartbeats.beat(worker));
    if (message.custlink === 'collected') return answers.collected(message);
    if (message.custlink === 'ask') return answers.ask(worker, message);
    listening.set(worker, Date.now());
    heartbeats.beat(worker);
    url = message.url;
    stderr.write(`custlink serve: worker ${worker.process.pid} listening\n`);
    // It read the config before a reload it was not yet listening for.
    if ((forkedAt.get(worker) ?? 0) < reloadedAt) worker.process.kill('SIGHUP');
    if (!started && listening.size === workers) startedWith(undefined);
  };
  const onExit = (worker: Worker, code: number | null, signal: string | null): void => {
    const since = listening.get(worker);
    listening.delete(worker);
    forkedAt.delete(worker);
    const slot = slots.get(worker);
    slots.delete(worker);
    if (slot !== undefined) freeSlots.push(slot);
    heartbeats.forget(worker);
    if (stopping) return;
    const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
    if (!started) {
      stderr.write(`custlink serve: worker ${worker.process.pid} could not start (${how}); stopping\n`);
      return startedWith(code === null || code === 0 ? 1 : code);
    }
    const delay = restarts.after(since);
    stderr.write(`custlink serve: worker ${worker.process.pid} ${since === undefined ? 'failed to start' : 'died'} (${how}); starting another in ${delay} ms\n`);
  };
  // `first`: the start's one-off checks run in this worker only; one started again skips them.
  const fork = (first = false): void => {
    freeSlots.sort((a, b) => a - b);
    const slot = freeSlots.shift() ?? workers + 1;
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(slot), ...(first ? { [CHECK_STORED_FORM_ENV]: '1' } : {}) });
    slots.set(worker, slot);
    forkedAt.set(worker, Date.now());
    // A send to a worker that just died fails here, not as an uncaught error.
    worker.on('error', () => {});
    worker.on('message', (message: unknown) => onMessage(worker, message));
    worker.on('exit', (code, signal) => onExit(worker, code, signal));
  };
  const onHangUp = hangUpHandler({
    load: () => options.load(),
    stderr,
    listening,
    onChecked: (config) => {
      timeoutMs = config.limits.sourceTimeoutMs;
      heartbeatTimeoutMs = config.limits.workerHeartbeatTimeoutMs;
      reloadedAt = Date.now();
    },
  });

  for (let i = 0; i < workers; i++) fork(i === 0);
  const outcome = await Promise.race([start, options.until.then(() => 0)]);
  if (outcome === undefined) {
    started = true;
    options.stdout.write(`custlink serve: listening on ${url} (${workers} workers)\n`);
    process.on('SIGHUP', onHangUp);
    try {
      await options.until;
    } finally {
      process.off('SIGHUP', onHangUp);
    }
  }
  stderr.write('custlink serve: stopping\n');
  stopping = true;
  heartbeats.stop();
  restarts.cancel();
  await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => worker && stopWorker(worker)));
  return outcome ?? 0;
}
