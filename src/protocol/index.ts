export { signRequest } from './sign.js';
export { verifyRequest } from './verify.js';
export { generateKey } from './generate-key.js';
export * from './common.js';
