/**
 * The errors a source throws and the pipeline tells apart: here, below both, so that neither
 * imports the other to name them.
 */

/** A source failure custlink words itself, quoting no lookup value and no header: its message may be logged. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** The source did not answer within `limits.sourceTimeoutMs`. */
export class SourceTimeoutError extends SourceError {
  override name = 'SourceTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the source did not answer within ${timeoutMs} ms`);
  }
}

/**
 * A source that has already failed failed again: the first failure went to the log in full, so
 * this one is logged quietly (a broken file must not write a stack per request).
 *
 * @example
 * if (alreadyReported) throw new SourceUnavailableError(error);
 */
export class SourceUnavailableError extends Error {
  override name = 'SourceUnavailableError';
  constructor(cause: unknown) {
    super('the source is still failing (its first failure is in the log)', { cause });
  }
}
