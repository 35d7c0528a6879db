import { Worker } from 'node:worker_threads';
import { ImportInputError } from './identifiers.js';
import { readCsv, type ReadEvent, type ReadOptions } from './read.js';
import { decodeEvent, type WorkerMessage } from './transport.js';

/** Where the CSV is parsed: this thread, a worker thread, or a worker if one starts (`auto`). */
export type ParseThread = 'auto' | 'worker' | 'main';

/**
 * The events of `readCsv`, parsed in a worker thread when `thread` allows it, so that parsing
 * overlaps with the inserts on the main thread. Same events, same order, either way.
 *
 * @example
 * for await (const event of csvEvents('customers.csv', {}, 'auto')) console.log(event.type);
 */
export async function* csvEvents(path: string, options: ReadOptions, thread: ParseThread): AsyncGenerator<ReadEvent> {
  if (thread === 'main') return yield* readCsv(path, options);
  let worker: Worker;
  try {
    worker = startWorker(path, options);
  } catch (error) {
    if (thread === 'worker') throw error;
    return yield* readCsv(path, options);
  }
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  let received = false;
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (!message) {
        // The worker could not load (e.g. under a test runner that transpiles in-process).
        if (!received && thread === 'auto') return yield* readCsv(path, options);
        throw failure ?? new Error('the CSV parsing thread stopped unexpectedly');
      }
      received = true;
      worker.postMessage('credit');
      if (message.type === 'end') return;
      if (message.type === 'error') throw message.input ? new ImportInputError(message.message) : new Error(message.message);
      yield decodeEvent(message);
    }
  } finally {
    await worker.terminate();
  }
}

function startWorker(path: string, options: ReadOptions): Worker {
  const workerData = { path, options };
  // Parsing allocates a string per field; with a worker's default young generation, garbage
  // collection took 4.3 s of the worker's time on the 1M-row bench, 0.6 s with this one.
  const resourceLimits = { maxYoungGenerationSizeMb: 96 };
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./parse-worker.js', here), { workerData, resourceLimits });
  // Running from TypeScript source (tsx, the bench): a worker does not inherit the loader, so
  // the bootstrap registers tsx before it imports the worker module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./parse-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}
