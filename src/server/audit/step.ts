import { keyFingerprint } from '../../protocol/key-fingerprint.js';
import type { ApiEndpointConfig } from '../config/types.js';
import type { OutcomeCode } from '../vocabulary/outcomes.js';
import { CODES } from '../vocabulary/outcomes.js';
import { subjectHash } from './format.js';
import type { AuditSink } from './sink.js';

/**
 * The pipeline's audit step for one API: one `lookup` record of a request that reached its
 * path, resolved once the record is on disk. `params` are the lookup items after normalize
 * (absent when the request was refused before them), `keyIndex` the key that verified (-1: none).
 */
export type AuditStep = (ip: string | undefined, reqId: string, code: OutcomeCode, params: Readonly<Record<string, string>> | undefined, keyIndex: number) => Promise<void>;

/**
 * Compiles the audit step of one API: key fingerprints, the result item names and the subject
 * key are read once. A record holds names, hashes and fingerprints only: never a lookup value
 * (but `agentItem`'s, which names the agent, not the customer), a result value, a signature or a key.
 *
 * @example
 * const audit = createAuditStep(config, writer);
 * await audit('10.0.0.7', reqId, 'OK', { callNum: '01012345678' }, 0);
 */
export function createAuditStep(config: ApiEndpointConfig, writer: AuditSink): AuditStep {
  const audit = config.audit!;
  const fingerprints = config.auth.enabled ? config.auth.keys.map(keyFingerprint) : [];
  const items = Object.keys(config.result);
  const none: string[] = [];
  const { agentItem } = audit;
  const { key } = audit;
  // An item with `values` can only hold one of them (anything else is refused before the
  // lookup), so its subjects are hashed once here instead of on every request.
  const listed = new Map<string, Map<string, string>>();
  for (const [name, item] of Object.entries(config.lookup)) {
    if (item.values !== undefined && name !== agentItem) listed.set(name, new Map(item.values.map((value) => [value, subjectHash(key, value)])));
  }
  const api = config.name;
  return (ip, reqId, code, params, keyIndex) => {
    const subjects: Record<string, string> = {};
    let agent: string | null = null;
    if (params !== undefined) {
      for (const name in params) {
        const value = params[name]!;
        if (name === agentItem) agent = value;
        else subjects[name] = listed.get(name)?.get(value) ?? subjectHash(key, value);
      }
    }
    const found = code === 'OK';
    return writer.append({
      v: 1,
      type: 'lookup',
      seq: 0,
      ts: '',
      reqId,
      api,
      ip: ip ?? null,
      keyFp: fingerprints[keyIndex] ?? null,
      agent,
      task: 'lookup',
      status: CODES[code],
      code,
      found,
      items: found ? items : none,
      subjects,
    });
  };
}
