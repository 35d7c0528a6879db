import { readFileSync } from 'node:fs';
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

/** The shared vectors, computed by the guide's Java algorithm (`../shared` beside the repo). */
export const VECTORS_PATH = fileURLToPath(new URL('../../../../shared/vectors/signature.json', import.meta.url));

export function loadVectors(): Vector[] {
  return JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vector[];
}
