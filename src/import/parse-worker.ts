/**
 * The worker thread that parses the CSV (`thread: 'worker'`), so that parsing, the slower
 * half, and inserting can run on two cores. Posts the events of `readCsv` as `WorkerMessage`s
 * and waits while the main thread has not taken `WINDOW` of them, so memory stays bounded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportInputError } from './identifiers.js';
import { readCsv, type ReadOptions } from './read.js';
import { encodeEvent, type WorkerMessage } from './transport.js';

/** Messages in flight before the worker waits for the main thread. */
const WINDOW = 8;

const port = parentPort;
if (port) {
  const { path, options } = workerData as { path: string; options: ReadOptions };
  let credits = WINDOW;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    for await (const event of readCsv(path, options)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      post(...encodeEvent(event));
    }
    post({ type: 'end' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), input: error instanceof ImportInputError });
  }
  // Let the thread end once the last message is out; the main thread may also terminate it.
  port.unref();
}
