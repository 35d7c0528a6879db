import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scheme } from '../types.js';

export interface Vector {
  name: string;
  scheme: Scheme;
  key: string;
  uri: string;
  body: string;
  timestamp: string;
  authorization: string;
}

/** The repository's copy of the vectors, so the suite needs nothing outside the repository. */
const VECTORS_PATH = fileURLToPath(new URL('signature-vectors.json', import.meta.url));

/** Their source, computed by the guide's Java algorithm: `../shared` beside the repository, when present. */
export const SHARED_VECTORS_PATH = fileURLToPath(new URL('../../../../shared/vectors/signature.json', import.meta.url));

/**
 * The signature vectors of the repository's copy.
 *
 * @example
 * for (const v of loadVectors()) expect(signRequest(v).authorization).toBe(v.authorization);
 */
export function loadVectors(path = VECTORS_PATH): Vector[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Vector[];
}

/**
 * Why the copy cannot be compared with `../shared` here, or `undefined` when it can. In CI
 * (`CI=true`) `shared/` lies beside the clone, so its absence there is a failure, not a skip.
 *
 * @example
 * it.skipIf(sharedVectorsMissing() !== undefined)('matches ../shared', ...)
 */
export function sharedVectorsMissing(): string | undefined {
  if (existsSync(SHARED_VECTORS_PATH)) return undefined;
  const reason = `no ${SHARED_VECTORS_PATH} beside the repository`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: shared/ must be there)`);
  return reason;
}
