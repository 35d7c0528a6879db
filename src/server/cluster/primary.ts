import cluster, { type Worker } from 'node:cluster';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import type { EndpointConfig } from '../config/types.js';
import { CHECK_STORED_FORM_ENV, createPending, isOurs, type Collected, type ToPrimary, type ToWorker } from './ipc.js';

/** The `custlink` entry next to this module, `.ts` under tsx, `.js` once built. */
const BIN = fileURLToPath(new URL(`../../cli/bin${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 30_000;
/** A worker that listened this long before dying starts the backoff over. */
const STABLE_MS = 10_000;
/** A worker still running this long after "stop" (its drain is 10 s) is killed. */
const KILL_AFTER_MS = 15_000;

interface Writer {
  write(text: string): unknown;
}

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
 * The `serve --workers N` primary: forks N workers sharing the port, restarts one that dies
 * (with a growing delay, so one that cannot start is not restarted in a tight loop), checks the
 * config before passing SIGHUP on (a refused config is refused everywhere), answers the workers'
 * `/metrics` (the sum) and `/readyz` (every worker ready), and on stop lets every worker drain.
 * Resolves to the exit code: 0 after a stop, that of a worker that could not start at first.
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
  const timers = new Set<NodeJS.Timeout>();
  const pending = createPending<Collected | null>();
  let url = '';
  let started = false;
  let stopping = false;
  let failures = 0;
  let reloadedAt = 0;
  let startedWith!: (code: number | undefined) => void;
  const start = new Promise<number | undefined>((resolve) => (startedWith = resolve));

  const collect = (): Promise<Array<Collected | null>> =>
    Promise.all(
      [...listening.keys()].map((worker) => {
        const { id, answer } = pending.open(timeoutMs + 500, null);
        worker.send({ custlink: 'collect', id } satisfies ToWorker);
        return answer;
      }),
    );
  const answer = async (worker: Worker, id: number, what: 'metrics' | 'ready'): Promise<{ text?: string; error?: string }> => {
    if (what === 'ready' && listening.size < workers) return { error: `${listening.size} of ${workers} workers are listening` };
    const reports = await collect();
    const silent = reports.filter((r) => r === null).length;
    if (silent > 0) return { error: `${silent} worker(s) did not answer within ${timeoutMs + 500} ms` };
    const ok = reports as Collected[];
    if (what === 'ready') {
      const notReady = ok.find((r) => r.notReady !== null)?.notReady;
      return notReady === undefined ? {} : { error: `a worker is not ready: ${notReady}` };
    }
    return { text: await AggregatorRegistry.aggregate(ok.map((r) => r.metrics)).metrics() };
  };

  const onMessage = (worker: Worker, message: unknown): void => {
    if (!isOurs<ToPrimary>(message)) return;
    if (message.custlink === 'collected') return pending.settle(message.id, message);
    if (message.custlink === 'ask') {
      void answer(worker, message.id, message.what).then((reply) => {
        if (worker.isConnected()) worker.send({ custlink: 'answer', id: message.id, ...reply } satisfies ToWorker);
      });
      return;
    }
    listening.set(worker, Date.now());
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
    if (stopping) return;
    const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
    if (!started) {
      stderr.write(`custlink serve: worker ${worker.process.pid} could not start (${how}); stopping\n`);
      return startedWith(code === null || code === 0 ? 1 : code);
    }
    if (since !== undefined && Date.now() - since > STABLE_MS) failures = 0;
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures++);
    stderr.write(`custlink serve: worker ${worker.process.pid} ${since === undefined ? 'failed to start' : 'died'} (${how}); starting another in ${delay} ms\n`);
    const timer = setTimeout(() => {
      timers.delete(timer);
      fork();
    }, delay);
    timers.add(timer);
  };
  // `first`: the start's one-off checks run in this worker only; one started again skips them.
  const fork = (first = false): void => {
    const worker = cluster.fork(first ? { [CHECK_STORED_FORM_ENV]: '1' } : {});
    forkedAt.set(worker, Date.now());
    // A send to a worker that just died fails here, not as an uncaught error.
    worker.on('error', () => {});
    worker.on('message', (message: unknown) => onMessage(worker, message));
    worker.on('exit', (code, signal) => onExit(worker, code, signal));
  };
  const onHangUp = (): void => {
    try {
      timeoutMs = options.load().limits.sourceTimeoutMs;
    } catch (error) {
      stderr.write(`custlink serve: reload refused, the previous config keeps serving: ${(error as Error).message}\n`);
      return;
    }
    reloadedAt = Date.now();
    stderr.write(`custlink serve: config checked; each of the ${listening.size} workers reloads it\n`);
    for (const worker of listening.keys()) worker.process.kill('SIGHUP');
  };

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
  for (const timer of timers) clearTimeout(timer);
  await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => worker && stopWorker(worker)));
  return outcome ?? 0;
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), KILL_AFTER_MS);
    worker.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (worker.isConnected()) worker.send({ custlink: 'stop' } satisfies ToWorker);
    else worker.process.kill('SIGTERM');
  });
}
