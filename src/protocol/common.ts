/** What both entries share: everything of the protocol that needs no crypto. */
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
export { checkTimestamp, isSignatureShaped, SIGNATURE_LENGTH } from './request-check.js';
export { CustlinkError } from './errors.js';
export * from './types.js';
