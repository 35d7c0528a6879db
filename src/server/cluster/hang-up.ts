import type { Worker } from 'node:cluster';
import type { EndpointConfig } from '../config/types.js';

export interface HangUpOptions {
  /** Reads and checks the config again; throws when it is refused. */
  load(): EndpointConfig;
  stderr: { write(text: string): unknown };
  /** The workers listening now, the ones told to reload. */
  listening: ReadonlyMap<Worker, number>;
  /** Called with the checked config before any worker is told. */
  onChecked(config: EndpointConfig): void;
}

/**
 * The primary's SIGHUP: checks the config once and only then passes the signal on to every
 * listening worker. Checked here, a refused config is refused everywhere, rather than some
 * workers taking it and others keeping the old one.
 *
 * @example
 * const onHangUp = hangUpHandler({ load, stderr, listening, onChecked: (config) => (timeoutMs = config.limits.sourceTimeoutMs) });
 * process.on('SIGHUP', onHangUp);
 */
export function hangUpHandler(options: HangUpOptions): () => void {
  const { stderr, listening } = options;
  return () => {
    let config: EndpointConfig;
    try {
      config = options.load();
    } catch (error) {
      stderr.write(`custlink serve: reload refused, the previous config keeps serving: ${(error as Error).message}\n`);
      return;
    }
    options.onChecked(config);
    stderr.write(`custlink serve: config checked; each of the ${listening.size} workers reloads it\n`);
    for (const worker of listening.keys()) worker.process.kill('SIGHUP');
  };
}
