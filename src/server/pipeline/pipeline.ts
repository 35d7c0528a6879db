import { performance } from 'node:perf_hooks';
import type pino from 'pino';
import { checkTimestamp } from '../../protocol/request-check.js';
import type { VerifyCode } from '../../protocol/types.js';
import { verifyRequest } from '../../protocol/verify.js';
import type { ApiEndpointConfig } from '../config/types.js';
import { isJsonContentType } from './content-type.js';
import type { EndpointMetrics } from '../ops/metrics.js';
import {
  BODY_READ_FAILED,
  BODY_TOO_LARGE,
  INTERNAL,
  IP_NOT_ALLOWED,
  METHOD_NOT_ALLOWED,
  MISSING_SIGNATURE,
  NOT_FOUND,
  NOT_UNIQUE,
  REPLAYED,
  REPLAY_STORE_ERROR,
  SOURCE_ERROR,
  SOURCE_TIMEOUT,
  UNKNOWN_PATH,
  UNSUPPORTED_MEDIA_TYPE,
} from './refusals.js';
import { verifyOutcome, type OutcomeCode } from './outcomes.js';
import { ok, Refusal } from './responses.js';
import type { ReplayStore } from '../replay/types.js';
import type { LookupCache } from '../cache/index.js';
import { lookupWithin, SourceTimeoutError, SourceUnavailableError } from './source-call.js';
import { loggableError, loggableSourceError } from '../sources/error-log.js';
import { BodyTooLargeError, type EndpointRequest, type EndpointResponse, type Row, type Source } from '../types.js';

/** Everything the pipeline needs, compiled once at start (see `createEndpoint`). */
export interface PipelineParts {
  config: ApiEndpointConfig;
  source: Source;
  logger: pino.Logger;
  metrics: EndpointMetrics;
  /** `undefined`: every address is allowed. */
  ipAllowed: ((ip: string | undefined) => boolean) | undefined;
  readLookup: (body: Uint8Array) => Record<string, string> | Refusal;
  render: (row: Row) => string;
  /** The same rendering for rows as arrays in `source.columns` order (`source.lookupValues`). */
  renderValues?: (values: readonly unknown[]) => string;
  /** Signatures seen before (`auth.replay`); absent: replays inside the window are accepted. */
  replay?: ReplayStore;
  /** Answers kept for `cache.ttlMs` (`cache`); absent: every lookup reaches the source. */
  cache?: LookupCache;
}

/**
 * Answers one request the endpoint's router has placed: `ip` is the client address it derived
 * (after `trustProxy`), `api` whether the path is this API's, `reqId` its `requestId`. Any
 * other path is still refused here, after the address check, so an address outside `allowIps`
 * learns nothing of the paths.
 */
export type PipelineHandler = (request: EndpointRequest, ip: string | undefined, api: boolean, reqId: string) => Promise<EndpointResponse>;

/**
 * The endpoint's one request flow, top to bottom. Everything a request can be refused for
 * without its body (address, path, method, content type, timestamp window, a missing signature,
 * a declared length over the limit) is checked before a byte of the body is read; then the
 * signature over the raw bytes, the lookup items, the cache if any, the source, the result.
 * Never throws: anything unexpected is a 500 with a generic message, the cause goes to the log
 * only.
 *
 * @example
 * const handle = createPipeline(parts);
 * const response = await handle(request); // { status: 200, headers, body: '{"data":{...}}' }
 */
export function createPipeline(parts: PipelineParts): PipelineHandler {
  const { logger, metrics } = parts;
  const flow = new Flow(parts);

  const { source, renderValues, replay, cache } = parts;
  // A synchronous source with known columns skips the row objects and the lookup's promise.
  const lookupValues = source.lookupValues !== undefined && renderValues !== undefined ? source.lookupValues.bind(source) : undefined;
  // The source and the result; synchronous on the fast path, so it costs no promise there.
  const lookup = (params: Record<string, string>, reqId: string): string | Refusal | Promise<string | Refusal> =>
    lookupValues !== undefined ? flow.lookupNow(lookupValues, renderValues!, params, reqId) : flow.lookup(params, reqId);

  return async function handle(request: EndpointRequest, ip: string | undefined, api: boolean, reqId: string): Promise<EndpointResponse> {
    const started = performance.now();
    // The success body, or why the request is refused. One function, and on the common path
    // (a synchronous source) one await, the body's: each promise hop costs a microtask.
    let outcome: string | Refusal;
    try {
      const body = flow.checkHeaders(request, ip, api) ?? (await flow.readBody(request, reqId));
      let params = body instanceof Refusal ? body : flow.checkBody(request, body);
      if (replay !== undefined && !(params instanceof Refusal)) {
        // Claimed only once the signature is verified: a forged one must not occupy the store.
        const claimed = flow.claim(replay, request, reqId);
        params = (claimed instanceof Promise ? await claimed : claimed) ?? params;
      }
      if (params instanceof Refusal) outcome = params;
      else if (cache !== undefined) {
        const through = cache.through(params, () => lookup(params, reqId));
        outcome = through instanceof Promise ? await through : through;
      }
      else {
        const found = lookup(params, reqId);
        outcome = found instanceof Promise ? await found : found;
      }
    } catch (error) {
      logger.error({ reqId, err: loggableError(error) }, 'unexpected error in the request pipeline');
      outcome = INTERNAL;
    }
    const code: OutcomeCode = typeof outcome === 'string' ? 'OK' : outcome.code;
    const response = typeof outcome === 'string' ? ok(outcome) : outcome.response;
    response.headers['x-request-id'] = reqId;
    const ms = performance.now() - started;
    metrics.request(code, ms / 1000);
    // One line per request, and never the lookup or result values: they are personal data.
    const { method, path } = request;
    logger.info({ reqId, method, path, status: response.status, code, ms: Math.round(ms * 1000) / 1000, ip }, 'request');
    return response;
  };
}

class Flow {
  private readonly auth: ApiEndpointConfig['auth'];
  private readonly bodyLimit: number;
  private readonly tooLarge: Refusal;
  private readonly unique: boolean;
  private readonly limit: number;
  private readonly timeoutMs: number;

  constructor(private readonly parts: PipelineParts) {
    const { config } = parts;
    this.auth = config.auth;
    this.bodyLimit = config.limits.bodyBytes;
    this.tooLarge = BODY_TOO_LARGE(this.bodyLimit);
    this.unique = config.source.unique;
    // Asking for two rows is enough to know whether the match is unique.
    this.limit = this.unique ? 2 : 1;
    this.timeoutMs = config.limits.sourceTimeoutMs;
  }

  /**
   * What can be decided from the headers alone: a refusal, or `undefined` to read the body.
   * Synchronous, so a request refused here costs no promise.
   */
  checkHeaders(request: EndpointRequest, ip: string | undefined, api: boolean): Refusal | undefined {
    const { parts, auth } = this;
    if (parts.ipAllowed !== undefined && !parts.ipAllowed(ip)) return IP_NOT_ALLOWED;
    if (!api) return UNKNOWN_PATH;
    if (request.method !== 'POST') return METHOD_NOT_ALLOWED;
    const headers = request.headers;
    if (!isJsonContentType(header(headers['content-type']))) return UNSUPPORTED_MEDIA_TYPE;
    if (auth.enabled) {
      // A stale or forged-looking request is refused before its body costs anything.
      const checked = checkTimestamp(header(headers['x-tc-timestamp']), auth.toleranceMs, Date.now());
      if (typeof checked !== 'string') return this.verifyFailed(checked);
      const authorization = header(headers.authorization);
      if (authorization === undefined || authorization === '') return this.verifyFailed(MISSING_SIGNATURE);
    }
    const declared = header(headers['content-length']);
    if (declared !== undefined && Number(declared) > this.bodyLimit) return this.tooLarge;
    return undefined;
  }

  /** Reads the body: the bytes, or why the request is refused (never rejects). */
  readBody(request: EndpointRequest, reqId: string): Promise<Uint8Array | Refusal> {
    const failed = (error: unknown): Refusal => {
      if (error instanceof BodyTooLargeError) return this.tooLarge;
      this.parts.logger.debug({ reqId, err: loggableError(error) }, 'request body not read');
      return BODY_READ_FAILED;
    };
    try {
      return request.readBody(this.bodyLimit).catch(failed);
    } catch (error) {
      // An adapter's reader that throws instead of rejecting is refused the same way.
      return Promise.resolve(failed(error));
    }
  }

  /** Verification and lookup items: the params for the source, or why the request is refused. */
  checkBody(request: EndpointRequest, body: Uint8Array): Record<string, string> | Refusal {
    const { parts, auth } = this;
    if (auth.enabled) {
      const headers = request.headers;
      const verified = verifyRequest({
        keys: auth.keys,
        body,
        timestamp: header(headers['x-tc-timestamp']),
        authorization: header(headers.authorization),
        // The protocol's requestURI: the path as sent, without the query string.
        uri: request.path,
        scheme: auth.scheme,
        toleranceMs: auth.toleranceMs,
      });
      if (!verified.ok) return this.verifyFailed(verified);
    }
    return parts.readLookup(body);
  }

  /**
   * Records the verified signature: `undefined` the first time, a refusal for a replay or when
   * the store cannot be asked (failing closed). Synchronous for the in-memory store.
   */
  claim(replay: ReplayStore, request: EndpointRequest, reqId: string): Refusal | undefined | Promise<Refusal | undefined> {
    const headers = request.headers;
    // Past its timestamp plus the tolerance, the timestamp check refuses the request anyway.
    const expiresAt = Number(header(headers['x-tc-timestamp'])) + this.auth.toleranceMs;
    const failed = (error: unknown): Refusal => {
      this.parts.logger.error({ reqId, err: error }, 'replay store failed');
      return REPLAY_STORE_ERROR;
    };
    const judged = (first: boolean): Refusal | undefined => (first ? undefined : this.replayed());
    let claimed: boolean | Promise<boolean>;
    try {
      claimed = replay.claim(header(headers.authorization)!, expiresAt);
    } catch (error) {
      return failed(error);
    }
    return typeof claimed === 'boolean' ? judged(claimed) : claimed.then(judged, failed);
  }

  private replayed(): Refusal {
    this.parts.metrics.verifyFailure('REPLAYED');
    return REPLAYED;
  }

  /**
   * The cause (SQL state, driver code) is for the operator's log, never the response; a source
   * known to be down logs its repeats at debug, a timeout its class and message without a stack.
   */
  private logFailure(reqId: string, error: unknown): void {
    const err = loggableSourceError(error, this.parts.config.source.type);
    if (error instanceof SourceTimeoutError) {
      // Expected under load or with a slow source: its own line says it all, a stack adds nothing.
      delete err.stack;
      this.parts.logger.warn({ reqId, err }, 'source lookup timed out');
      return;
    }
    this.parts.logger[error instanceof SourceUnavailableError ? 'debug' : 'error']({ reqId, err }, 'source lookup failed');
  }

  /**
   * The lookup and the result through a source's synchronous `lookupValues`: no promise. Throws
   * nothing: a source failure is logged and refused like the asynchronous path's.
   */
  lookupNow(lookupValues: NonNullable<Source['lookupValues']>, renderValues: (values: readonly unknown[]) => string, params: Record<string, string>, reqId: string): string | Refusal {
    let rows: unknown[][];
    const started = performance.now();
    try {
      rows = lookupValues(params, this.limit);
    } catch (error) {
      this.logFailure(reqId, error);
      return SOURCE_ERROR;
    }
    this.parts.metrics.lookupSeconds((performance.now() - started) / 1000);
    return this.answer(rows, renderValues);
  }

  /** The lookup and the result through the source's `lookup`, under the source timeout. */
  async lookup(params: Record<string, string>, reqId: string): Promise<string | Refusal> {
    const { parts } = this;
    let rows: Row[];
    const started = performance.now();
    try {
      rows = await lookupWithin(parts.source, params, this.limit, this.timeoutMs);
    } catch (error) {
      this.logFailure(reqId, error);
      return error instanceof SourceTimeoutError ? SOURCE_TIMEOUT : SOURCE_ERROR;
    }
    parts.metrics.lookupSeconds((performance.now() - started) / 1000);
    return this.answer(rows, parts.render);
  }

  /** The rows a lookup found, as the protocol answers them: none is 400, the first is 200. */
  private answer<R>(rows: readonly R[], render: (row: R) => string): string | Refusal {
    if (rows.length === 0) return NOT_FOUND;
    if (rows.length > 1 && this.unique) return NOT_UNIQUE;
    return render(rows[0]!);
  }

  private verifyFailed(failure: { code: VerifyCode; message: string }): Refusal {
    const code = verifyOutcome(failure.code);
    this.parts.metrics.verifyFailure(code);
    return new Refusal(code, failure.message);
  }
}

/** A single header value; a repeated header (an array) counts as malformed, hence absent. */
function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
