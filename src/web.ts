/** custlink's entry for runtimes without `node:crypto` (Web Crypto, async sign and verify). */
export { signRequest } from './protocol/web/sign.js';
export { verifyRequest } from './protocol/web/verify.js';
export { generateKey } from './protocol/web/generate-key.js';
export { DEFAULT_KEY_LENGTH } from './protocol/sign-options.js';
export { agentMessage, type AgentMessage } from './protocol/agent-message.js';
export {
  dataEnvelope,
  errorEnvelope,
  parseResponseBody,
  type DataEnvelope,
  type ErrorEnvelope,
  type ParsedBody,
} from './protocol/envelope.js';
export { checkTimestamp } from './protocol/timestamp.js';
export { isSignatureShaped, SIGNATURE_LENGTH } from './protocol/signature-format.js';
export { CustlinkError } from './protocol/errors.js';
export * from './protocol/types.js';
