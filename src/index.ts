/**
 * custlink's protocol entry (`custlink`): sign, verify and the envelopes on `node:crypto`.
 * `custlink/web` has the same names on Web Crypto, for runtimes without `node:crypto`.
 */
export { signRequest } from './protocol/sign.js';
export { verifyRequest } from './protocol/verify.js';
export { generateKey } from './protocol/generate-key.js';
export * from './protocol/common.js';
