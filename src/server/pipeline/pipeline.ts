import { performance } from 'node:perf_hooks';
import { loggableError } from '../vocabulary/loggable-error.js';
import type { EndpointRequest, EndpointResponse } from '../types.js';
import { createLookup } from './lookup-step.js';
import type { OutcomeCode } from '../vocabulary/outcomes.js';
import { AUDIT_WRITE_FAILED, INTERNAL } from '../vocabulary/refusals.js';
import { ReplayClaim } from './replay-claim.js';
import { RequestChecks } from './request-checks.js';
import type { PipelineParts } from './parts.js';
import { ok, Refusal } from '../vocabulary/responses.js';
import { unknownPathFields } from '../routing/path.js';

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
 * const response = await handle(request, '10.0.0.1', true, reqId); // { status: 200, body: '{"data":{...}}' }
 */
export function createPipeline(parts: PipelineParts): PipelineHandler {
  const { logger, metrics, cache, audit } = parts;
  const auditContinues = parts.auditContinues === true;
  const checks = new RequestChecks(parts);
  const replay = parts.replay === undefined ? undefined : new ReplayClaim(parts.replay, parts);
  // The source and the result; synchronous on the fast path, so it costs no promise there.
  const lookup = createLookup(parts);

  return async function handle(request: EndpointRequest, ip: string | undefined, api: boolean, reqId: string): Promise<EndpointResponse> {
    const started = performance.now();
    // The success body, or why the request is refused. One function, and on the common path
    // (a synchronous source) one await, the body's: each promise hop costs a microtask.
    let outcome: string | Refusal;
    // What the access record needs from the checks: the items sent and the key that verified.
    let params: Record<string, string> | Refusal | undefined;
    let keyIndex = -1;
    try {
      const body = checks.checkHeaders(request, ip, api) ?? (await checks.readBody(request, reqId));
      params = body instanceof Refusal ? body : checks.checkBody(request, body);
      keyIndex = checks.keyIndex;
      if (replay !== undefined && !(params instanceof Refusal)) {
        // Claimed only once the signature is verified: a forged one must not occupy the store.
        const claimed = replay.claim(request, reqId);
        params = (claimed instanceof Promise ? await claimed : claimed) ?? params;
      }
      if (params instanceof Refusal) outcome = params;
      else if (cache !== undefined) {
        const found = params;
        const through = cache.through(found, () => lookup(found, reqId));
        outcome = through instanceof Promise ? await through : through;
      } else {
        const found = lookup(params, reqId);
        outcome = found instanceof Promise ? await found : found;
      }
    } catch (error) {
      logger.error({ reqId, err: loggableError(error) }, 'unexpected error in the request pipeline');
      outcome = INTERNAL;
    }
    if (audit !== undefined && api) {
      // Before the answer leaves: no record, no customer data (unless onFailure: continue).
      try {
        await audit(ip, reqId, typeof outcome === 'string' ? 'OK' : outcome.code, params instanceof Refusal ? undefined : params, keyIndex);
      } catch {
        if (auditContinues) logger.error({ reqId }, 'the access record of this request could not be written; answered anyway (audit.onFailure: continue)');
        else outcome = AUDIT_WRITE_FAILED;
      }
    }
    const code: OutcomeCode = typeof outcome === 'string' ? 'OK' : outcome.code;
    const response = typeof outcome === 'string' ? ok(outcome) : outcome.response;
    response.headers['x-request-id'] = reqId;
    const ms = performance.now() - started;
    metrics.request(code, ms / 1000);
    // One line per request, and never the lookup or result values: they are personal data.
    const { method, path } = request;
    const where = api ? { path } : unknownPathFields(path);
    logger.info({ reqId, method, ...where, status: response.status, code, ms: Math.round(ms * 1000) / 1000, ip }, 'request');
    return response;
  };
}
