/**
 * The seams of the endpoint server. `serve` (node:http) and every framework adapter translate
 * their request into an `EndpointRequest`, call the one shared `Handler`, and write the
 * `EndpointResponse` back unchanged: the protocol's behaviour lives in one pipeline.
 */

/** A request as the pipeline sees it, whatever the framework. */
export interface EndpointRequest {
  method: string;
  /** The path as sent on the request line, without the query string (Java's getRequestURI). */
  path: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The peer's socket address; the endpoint applies `listen.trustProxy` to it for `allowIps`. */
  remoteAddress: string | undefined;
  /**
   * Reads the raw body bytes. Called only after the headers and timestamp have passed; rejects
   * with a `BodyTooLargeError` once more than `limit` bytes arrive, without buffering the rest.
   */
  readBody(limit: number): Promise<Uint8Array>;
}

/** What the pipeline answers; adapters write it out as is. */
export interface EndpointResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (request: EndpointRequest) => Promise<EndpointResponse>;

/** A row of the data source: column name to value. */
export type Row = Record<string, unknown>;

/** Where customers are looked up. Every lookup is parameterised; values are never spliced into SQL. */
export interface Source {
  /** Rows matching the lookup items (named parameters), at most `limit`. */
  lookup(params: Readonly<Record<string, string>>, limit: number, signal: AbortSignal): Promise<Row[]>;
  /**
   * `true` when `lookup` does all its work before returning (better-sqlite3): no deadline can
   * interrupt it, so the pipeline arms no timer. Otherwise `limits.sourceTimeoutMs` applies.
   */
  readonly blocking?: boolean;
  /** Problems found at open that do not stop the start (a query without an index): logged at warn. */
  readonly warnings?: readonly string[];
  /** The column names every row has, when known at start: result items are checked against them. */
  readonly columns?: readonly string[];
  /**
   * The fast path of a `blocking` source with known `columns`: the same rows as `lookup`, at most
   * `limit`, returned synchronously, each an array of values in `columns` order. It spares a
   * keyed object per row and a promise per request; the pipeline uses it when it is there.
   */
  lookupValues?(params: Readonly<Record<string, string>>, limit: number): unknown[][];
  /**
   * SQL sources only, for the start-time check of `normalize` (`storedFormWarnings`): up to
   * `limit` stored non-NULL values of `column` from `from`, read on the source's own open
   * connection (read-only), cancelled at `signal` where the database allows. `column` and `from`
   * come from the config's `source.query`, never from a request; see `sampleSql`.
   */
  sampleColumn?(column: string, from: string, limit: number, signal: AbortSignal): Promise<unknown[]>;
  /** Resolves when the source answers (for `/readyz`). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by `readBody` past the configured limit; the pipeline answers 413. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}
