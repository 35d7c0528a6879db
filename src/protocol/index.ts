export { signRequest } from './sign.js';
export { verifyRequest } from './verify.js';
export { generateKey } from './generate-key.js';
export { DEFAULT_KEY_LENGTH } from './sign-options.js';
export { agentMessage, type AgentMessage } from './agent-message.js';
export {
  dataEnvelope,
  errorEnvelope,
  parseResponseBody,
  type DataEnvelope,
  type ErrorEnvelope,
  type ParsedBody,
} from './envelope.js';
export { checkTimestamp } from './timestamp.js';
export { isSignatureShaped, SIGNATURE_LENGTH } from './signature-format.js';
export { CustlinkError } from './errors.js';
export * from './types.js';
