import { performance } from 'node:perf_hooks';
import { checkTimestamp } from '../../protocol/request-check.js';
import type { VerifyCode } from '../../protocol/types.js';
import { verifyTimestamped } from '../../protocol/verify.js';
import { unknownPathFields } from '../routing/path.js';
import { BodyTooLargeError, type EndpointRequest, type EndpointResponse } from '../types.js';
import { loggableError } from '../vocabulary/loggable-error.js';
import { verifyOutcome, type OutcomeCode } from '../vocabulary/outcomes.js';
import {
  AUDIT_WRITE_FAILED,
  BODY_READ_FAILED,
  BODY_TOO_LARGE,
  INTERNAL,
  IP_NOT_ALLOWED,
  METHOD_NOT_ALLOWED,
  MISSING_SIGNATURE,
  REPLAYED,
  REPLAY_STORE_ERROR,
  UNKNOWN_PATH,
  UNSUPPORTED_MEDIA_TYPE,
} from '../vocabulary/refusals.js';
import { ok, Refusal } from '../vocabulary/responses.js';
import { isJsonContentType } from './content-type.js';
import { lookUp } from './lookup-step.js';
import type { PipelineParts } from './parts.js';

/**
 * Answers one request the endpoint's router has placed: `ip` is the client address it derived
 * (after `trustProxy`), `api` whether the path is this API's, `reqId` its `requestId`. Any
 * other path is still refused here, after the address check, so an address outside `allowIps`
 * learns nothing of the paths.
 */
export type PipelineHandler = (request: EndpointRequest, ip: string | undefined, api: boolean, reqId: string) => Promise<EndpointResponse>;

/** A lookup's outcome: the 200 body, or why the request is refused. */
type Outcome = string | Refusal;

/** One API's parts with what every request would otherwise work out again. */
interface Api extends PipelineParts {
  bodyLimit: number;
  tooLarge: Refusal;
}

/**
 * The endpoint's one request flow for an API: `handleRequest` with the API's parts.
 *
 * @example
 * const handle = createPipeline(parts);
 * const response = await handle(request, '10.0.0.1', true, reqId); // { status: 200, body: '{"data":{...}}' }
 */
export function createPipeline(parts: PipelineParts): PipelineHandler {
  const api: Api = { ...parts, bodyLimit: parts.config.limits.bodyBytes, tooLarge: BODY_TOO_LARGE(parts.config.limits.bodyBytes) };
  return (request, ip, onApi, reqId) => handleRequest(api, request, ip, onApi, reqId);
}

/**
 * One request, top to bottom, in the order of its steps. Everything a request can be refused for
 * without its body (address, path, method, content type, timestamp window, a missing signature,
 * a declared length over the limit) is checked before a byte of the body is read; then the
 * signature over the raw bytes, the lookup items, the replay claim, the cache and the source,
 * the access record, the answer. Never throws: anything unexpected is a 500 with a generic
 * message, the cause goes to the log only. A step that may wait (a Redis store, a database
 * server) returns a promise only when it does; an in-memory store or a SQLite file answers at
 * once, so on the common path the body is the one await, as each promise hop costs a microtask.
 */
async function handleRequest(api: Api, request: EndpointRequest, ip: string | undefined, onApi: boolean, reqId: string): Promise<EndpointResponse> {
  const started = performance.now();
  let outcome: Outcome;
  // What the access record needs: the items sent and the key that verified them.
  let items: Record<string, string> | undefined;
  let keyIndex = -1;
  try {
    const body = checkAddressAndHeaders(api, request, ip, onApi) ?? (await readBody(api, request, reqId));
    const signed = body instanceof Refusal ? body : verifySignature(api, request, body);
    if (typeof signed === 'number') keyIndex = signed;
    // Bytes whenever the signature was checked: a refused body is `signed` itself.
    const sent = signed instanceof Refusal ? signed : api.readLookup(body as Uint8Array);
    const claimed = sent instanceof Refusal ? sent : claimReplay(api, request, reqId);
    const refused = claimed instanceof Promise ? await claimed : claimed;
    if (refused !== undefined) outcome = refused;
    else {
      // Recorded only for a request that reached the source: a replay's record names no one.
      items = sent as Record<string, string>;
      const found = throughCacheAndSource(api, items, reqId);
      outcome = found instanceof Promise ? await found : found;
    }
  } catch (error) {
    api.logger.error({ reqId, err: loggableError(error) }, 'unexpected error in the request pipeline');
    outcome = INTERNAL;
  }
  if (api.audit !== undefined && onApi) outcome = await recordAccess(api, ip, reqId, outcome, items, keyIndex);
  return answer(api, request, ip, onApi, reqId, outcome, started);
}

/**
 * Address, path, method and headers: a refusal, or `undefined` to read the body. Synchronous,
 * so a request refused here costs no promise.
 */
function checkAddressAndHeaders(api: Api, request: EndpointRequest, ip: string | undefined, onApi: boolean): Refusal | undefined {
  if (api.ipAllowed !== undefined && !api.ipAllowed(ip)) return IP_NOT_ALLOWED;
  if (!onApi) return UNKNOWN_PATH;
  if (request.method !== 'POST') return METHOD_NOT_ALLOWED;
  const headers = request.headers;
  if (!isJsonContentType(header(headers['content-type']))) return UNSUPPORTED_MEDIA_TYPE;
  const auth = api.config.auth;
  if (auth.enabled) {
    // A stale or forged-looking request is refused before its body costs anything. This is the
    // one judgement of the window: verifySignature takes the timestamp as passed here.
    const checked = checkTimestamp(header(headers['x-tc-timestamp']), auth.toleranceMs, Date.now());
    if (typeof checked !== 'string') return verifyFailed(api, checked);
    const authorization = header(headers.authorization);
    if (authorization === undefined || authorization === '') return verifyFailed(api, MISSING_SIGNATURE);
  }
  const declared = header(headers['content-length']);
  if (declared !== undefined && Number(declared) > api.bodyLimit) return api.tooLarge;
  return undefined;
}

/** The body's bytes under `limits.bodyBytes`, or why not (never rejects). */
function readBody(api: Api, request: EndpointRequest, reqId: string): Promise<Uint8Array | Refusal> {
  const failed = (error: unknown): Refusal => {
    if (error instanceof BodyTooLargeError) return api.tooLarge;
    api.logger.debug({ reqId, err: loggableError(error) }, 'request body not read');
    return BODY_READ_FAILED;
  };
  try {
    return request.readBody(api.bodyLimit).catch(failed);
  } catch (error) {
    // An adapter's reader that throws instead of rejecting is refused the same way.
    return Promise.resolve(failed(error));
  }
}

/** The signature over the raw bytes: the index of the key that made it (-1 with auth off), or a refusal. */
function verifySignature(api: Api, request: EndpointRequest, body: Uint8Array): number | Refusal {
  const auth = api.config.auth;
  if (!auth.enabled) return -1;
  const headers = request.headers;
  const verified = verifyTimestamped(
    {
      keys: auth.keys,
      body,
      authorization: header(headers.authorization),
      // The protocol's requestURI: the path as sent, without the query string.
      uri: request.path,
      scheme: auth.scheme,
    },
    // Passed through the window by checkAddressAndHeaders.
    header(headers['x-tc-timestamp'])!,
  );
  return verified.ok ? verified.keyIndex : verifyFailed(api, verified);
}

/**
 * `auth.replay`: the verified signature claimed in the store; a second use inside the window is
 * refused, and so is every request while the store cannot be asked (failing closed). Claimed
 * only after the signature and the items pass: a forged request must not occupy the store.
 */
function claimReplay(api: Api, request: EndpointRequest, reqId: string): Refusal | undefined | Promise<Refusal | undefined> {
  if (api.replay === undefined) return undefined;
  const headers = request.headers;
  // Past its timestamp plus the tolerance, the timestamp check refuses the request anyway.
  const expiresAt = Number(header(headers['x-tc-timestamp'])) + api.config.auth.toleranceMs;
  const failed = (error: unknown): Refusal => {
    api.logger.error({ reqId, err: error }, 'replay store failed');
    return REPLAY_STORE_ERROR;
  };
  const judged = (first: boolean): Refusal | undefined => {
    if (first) return undefined;
    api.metrics.verifyFailure('REPLAYED');
    return REPLAYED;
  };
  let claimed: boolean | Promise<boolean>;
  try {
    claimed = api.replay.claim(header(headers.authorization)!, expiresAt);
  } catch (error) {
    return failed(error);
  }
  return typeof claimed === 'boolean' ? judged(claimed) : claimed.then(judged, failed);
}

/** The answer kept in the cache for these items, or the source's (see `lookUp`), kept for next time. */
function throughCacheAndSource(api: Api, items: Record<string, string>, reqId: string): Outcome | Promise<Outcome> {
  if (api.cache === undefined) return lookUp(api, items, reqId);
  return api.cache.through(items, () => lookUp(api, items, reqId));
}

/**
 * The access record (접속기록), written before the answer leaves: no record, no customer data
 * (unless `audit.onFailure: continue`).
 */
async function recordAccess(api: Api, ip: string | undefined, reqId: string, outcome: Outcome, items: Record<string, string> | undefined, keyIndex: number): Promise<Outcome> {
  try {
    await api.audit!(ip, reqId, typeof outcome === 'string' ? 'OK' : outcome.code, items, keyIndex);
    return outcome;
  } catch {
    if (api.auditContinues !== true) return AUDIT_WRITE_FAILED;
    api.logger.error({ reqId }, 'the access record of this request could not be written; answered anyway (audit.onFailure: continue)');
    return outcome;
  }
}

/** The response, its metric and its one log line, which never holds a lookup or result value. */
function answer(api: Api, request: EndpointRequest, ip: string | undefined, onApi: boolean, reqId: string, outcome: Outcome, started: number): EndpointResponse {
  const code: OutcomeCode = typeof outcome === 'string' ? 'OK' : outcome.code;
  const response = typeof outcome === 'string' ? ok(outcome) : outcome.response;
  response.headers['x-request-id'] = reqId;
  const ms = performance.now() - started;
  api.metrics.request(code, ms / 1000);
  const { method, path } = request;
  const where = onApi ? { path } : unknownPathFields(path);
  api.logger.info({ reqId, method, ...where, status: response.status, code, ms: Math.round(ms * 1000) / 1000, ip }, 'request');
  return response;
}

function verifyFailed(api: Api, failure: { code: VerifyCode; message: string }): Refusal {
  const code = verifyOutcome(failure.code);
  api.metrics.verifyFailure(code);
  return new Refusal(code, failure.message);
}

/** A single header value; a repeated header (an array) counts as malformed, hence absent. */
function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
