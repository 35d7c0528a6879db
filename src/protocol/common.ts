/**
 * What both entries share: the protocol's names an application uses that need no crypto. The
 * request checks `verifyRequest` is built from stay in `request-check.ts`, for the server's
 * pipeline: plumbing, not API.
 */
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
export { CustlinkError } from './errors.js';
export * from './types.js';
