import cliProgress from 'cli-progress';

/** Where an import reports how far it is. */
export interface Progress {
  /** Rows imported and bytes of the file read so far. */
  update(rows: number, bytes: number): void;
  /** All rows are in; the indexes are being built (the bar would otherwise sit at 100%). */
  indexing(columns: readonly string[]): void;
  /** Ends the bar (or the lines); call once, also after a failure. */
  stop(): void;
}

export interface ProgressOptions {
  /** A terminal gets a live bar; anything else (a log, a pipe) plain lines. */
  tty: boolean;
  /** How often plain lines are written, in ms. */
  intervalMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Progress of an import over a file of `totalBytes`: rows, rows/s and an ETA from the share
 * of bytes read (rows are unknown until the end, bytes are not).
 *
 * @example
 * const progress = createProgress(process.stderr, size, { tty: process.stderr.isTTY === true });
 * progress.update(rows, bytes); progress.stop();
 */
export function createProgress(
  stream: { write(text: string): unknown },
  totalBytes: number,
  options: ProgressOptions,
): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const speed = (rows: number) => Math.round(rows / Math.max((now() - started) / 1000, 0.001));
  if (options.tty) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as NodeJS.WritableStream,
        format: 'importing [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
        // A hidden cursor would stay hidden after Ctrl-C.
        hideCursor: false,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { rows: 0, speed: 0 });
    let stopped = false;
    const stop = () => {
      if (!stopped) bar.stop();
      stopped = true;
    };
    return {
      update: (rows, bytes) => bar.update(bytes, { rows, speed: speed(rows) }),
      indexing(columns) {
        stop();
        stream.write(`creating indexes on ${columns.join(', ')}\n`);
      },
      stop,
    };
  }
  const interval = options.intervalMs ?? 5000;
  let last = started;
  return {
    update(rows, bytes) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      stream.write(`import: ${progressLine(rows, bytes, totalBytes, (t - started) / 1000)}\n`);
    },
    indexing(columns) {
      // Only after a long load, like the progress lines, so that short imports stay quiet.
      if (now() - started >= interval) stream.write(`import: all rows read; creating indexes on ${columns.join(', ')}\n`);
    },
    stop() {},
  };
}

/**
 * One plain progress line.
 *
 * @example
 * progressLine(500000, 42_000_000, 84_000_000, 2) // '500000 rows, 50% read, 250000 rows/s, ETA 2s'
 */
export function progressLine(rows: number, bytes: number, totalBytes: number, seconds: number): string {
  const share = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 1;
  const rate = Math.round(rows / Math.max(seconds, 0.001));
  const eta = share > 0 ? Math.round((seconds * (1 - share)) / share) : undefined;
  return `${rows} rows, ${Math.floor(share * 100)}% read, ${rate} rows/s, ETA ${eta === undefined ? '?' : `${eta}s`}`;
}
