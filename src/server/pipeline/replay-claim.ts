import type { EndpointRequest } from '../types.js';
import type { ReplayStore } from '../replay/types.js';
import type { PipelineParts } from './parts.js';
import { REPLAYED, REPLAY_STORE_ERROR } from '../vocabulary/refusals.js';
import { header } from './request-checks.js';
import type { Refusal } from '../vocabulary/responses.js';

/**
 * The replay check (`auth.replay`): a verified signature is claimed in the store, and a second
 * use of it inside the timestamp window is refused.
 *
 * @example
 * const replay = new ReplayClaim(store, parts);
 * replay.claim(request, reqId) // undefined the first time, REPLAYED (403) the second
 */
export class ReplayClaim {
  private readonly toleranceMs: number;

  constructor(
    private readonly store: ReplayStore,
    private readonly parts: Pick<PipelineParts, 'config' | 'logger' | 'metrics'>,
  ) {
    this.toleranceMs = parts.config.auth.toleranceMs;
  }

  /**
   * Records the verified signature: `undefined` the first time, a refusal for a replay or when
   * the store cannot be asked (failing closed). Synchronous for the in-memory store.
   *
   * @example
   * const claimed = replay.claim(request, reqId);
   * const refused = claimed instanceof Promise ? await claimed : claimed;
   */
  claim(request: EndpointRequest, reqId: string): Refusal | undefined | Promise<Refusal | undefined> {
    const headers = request.headers;
    // Past its timestamp plus the tolerance, the timestamp check refuses the request anyway.
    const expiresAt = Number(header(headers['x-tc-timestamp'])) + this.toleranceMs;
    const failed = (error: unknown): Refusal => {
      this.parts.logger.error({ reqId, err: error }, 'replay store failed');
      return REPLAY_STORE_ERROR;
    };
    const judged = (first: boolean): Refusal | undefined => (first ? undefined : this.replayed());
    let claimed: boolean | Promise<boolean>;
    try {
      claimed = this.store.claim(header(headers.authorization)!, expiresAt);
    } catch (error) {
      return failed(error);
    }
    return typeof claimed === 'boolean' ? judged(claimed) : claimed.then(judged, failed);
  }

  private replayed(): Refusal {
    this.parts.metrics.verifyFailure('REPLAYED');
    return REPLAYED;
  }
}
