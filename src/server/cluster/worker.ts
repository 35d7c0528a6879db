import cluster from 'node:cluster';
import type { RunningServer } from '../transport/http.js';
import type { ClusterView } from '../vocabulary/cluster.js';
import { CHECK_STORED_FORM_ENV, createPending, HEARTBEAT_MS, isOurs, type Collected, type ToPrimary, type ToWorker } from './ipc.js';

interface Writer {
  write(text: string): unknown;
}

/** What `serve` runs with in a worker, in place of its own output, stop signal and ops. */
export interface WorkerHooks {
  /** Dropped: the primary prints the URL once for every worker. */
  stdout: Writer;
  /** The worker's lines, labelled with its pid (`custlink serve (worker 4242): reloaded ...`). */
  stderr: Writer;
  /** Resolves when the primary says stop, on SIGTERM or SIGINT, or when the primary is gone. */
  until: Promise<unknown>;
  cluster: ClusterView;
  /** Only in the first worker the primary started: the start's stored-form check runs once, not per worker. */
  checkStoredForm: boolean;
  onListening(server: RunningServer): void;
}

/**
 * Runs `serve` as a worker of the `serve --workers` primary: the URL and `/metrics`, `/readyz`
 * answers go through the primary, and the process leaves the cluster (so it can exit) once
 * `serve` returns, whether it served or failed to start.
 *
 * @example
 * if (cluster.isWorker) return serveAsWorker(io.stderr, (hooks) => serve(argv, { ...io, ...hooks }, hooks));
 */
export async function serveAsWorker(stderr: Writer, serve: (hooks: WorkerHooks) => Promise<number>): Promise<number> {
  let server: RunningServer | undefined;
  const send = (message: ToPrimary): void => {
    if (process.connected) process.send?.(message);
  };
  const pending = createPending<{ text?: string; error?: string }>();
  const ask = async (what: 'metrics' | 'ready'): Promise<string> => {
    // The primary waits for each worker's own readiness check (the source timeout), then answers.
    const timeoutMs = 2 * (server?.endpoint.config.limits.sourceTimeoutMs ?? 2_000) + 1_000;
    const { id, answer } = pending.open(timeoutMs, { error: 'the serve --workers primary did not answer' });
    send({ custlink: 'ask', id, what });
    const { text, error } = await answer;
    if (error !== undefined) throw new Error(error);
    return text ?? '';
  };
  const collect = async (id: number, what: 'metrics' | 'ready'): Promise<void> => {
    const endpoint = server?.endpoint;
    // A scrape does not wait for the source's readiness check: it has a second for every worker.
    const report: Collected =
      endpoint === undefined
        ? { metrics: [], notReady: 'not listening yet' }
        : what === 'metrics'
          ? { metrics: await endpoint.registry.getMetricsAsJSON(), notReady: null }
          : { metrics: [], notReady: await endpoint.ready().then(() => null, (error: Error) => error.message) };
    send({ custlink: 'collected', id, ...report });
  };

  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  const onMessage = (message: unknown): void => {
    if (!isOurs<ToWorker>(message)) return;
    if (message.custlink === 'stop') stop();
    else if (message.custlink === 'answer') pending.settle(message.id, message);
    else void collect(message.id, message.what);
  };
  process.on('message', onMessage);
  // Without the primary no connection reaches this worker any more.
  process.on('disconnect', stop);
  // systemd signals the whole group, so the signal and the primary's message both arrive: these
  // stay installed, since a second SIGTERM at its default would kill a worker still draining.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // From this event loop, so a worker stuck in it (or stopped) falls silent and is replaced.
  const heartbeat = setInterval(() => send({ custlink: 'heartbeat' }), HEARTBEAT_MS).unref();

  const label = `custlink serve (worker ${process.pid}):`;
  try {
    return await serve({
      stdout: { write: () => true },
      stderr: { write: (text) => stderr.write(text.replaceAll('custlink serve:', label)) },
      until,
      cluster: { metrics: () => ask('metrics'), ready: async () => void (await ask('ready')) },
      checkStoredForm: process.env[CHECK_STORED_FORM_ENV] === '1',
      onListening(listening) {
        server = listening;
        send({ custlink: 'listening', url: listening.url });
      },
    });
  } finally {
    process.off('message', onMessage);
    process.off('disconnect', stop);
    clearInterval(heartbeat);
    // The IPC channel keeps the process alive; something left open must not keep it either.
    if (process.connected) cluster.worker?.disconnect();
    setTimeout(() => process.exit(), 2_000).unref();
  }
}
