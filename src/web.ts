/** custlink's entry for runtimes without `node:crypto` (Web Crypto, async sign and verify). */
export { signRequest } from './protocol/web/sign.js';
export { verifyRequest } from './protocol/web/verify.js';
export { generateKey } from './protocol/web/generate-key.js';
export * from './protocol/common.js';
