import { agentMessage } from '../../protocol/agent-message.js';
import { CODES } from '../vocabulary/outcomes.js';
import type { Json } from './schemas.js';

/** The statuses the helpdesk can get from the endpoint besides 200, each with its error envelope. */
const ERROR_STATUSES = [400, 403, 404, 413, 415, 500] as const;

const WHEN: Record<(typeof ERROR_STATUSES)[number], string> = {
  400: 'Bad input, or no such customer (the guide answers a customer not found with 400).',
  403: 'Verification failed (timestamp, signature, replay) or the address is not allowed.',
  404: 'Not the API path (a wrong 기본 URL).',
  413: 'The body is larger than the limit.',
  415: 'A Content-Type that cannot be UTF-8 JSON.',
  500: 'The source failed or timed out; nothing about the cause leaves the server.',
};

/** The `ErrorEnvelope` schema: one body for every status but 200, whatever the outcome. */
export const ERROR_ENVELOPE: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'custlink’s outcome code (the guide’s own example sends a number)' },
        message: { type: 'string' },
        detail: { description: 'null from custlink' },
      },
    },
  },
};

/**
 * The responses besides 200, by status: when the endpoint answers it, the message the agent
 * sees for it (the status, not the body, decides what the helpdesk shows) and the outcome
 * codes it carries, all read from the tables the endpoint answers with so they cannot drift.
 *
 * @example
 * const responses: Record<string, Json> = { '200': ok, ...errorResponses() };
 * responses['403']?.description // 'Verification failed ... Agent message: ... Codes: ...'
 */
export function errorResponses(): Record<string, Json> {
  return Object.fromEntries(ERROR_STATUSES.map((status) => [String(status), errorResponse(status)]));
}

function errorResponse(status: (typeof ERROR_STATUSES)[number]): Json {
  const codes = Object.entries(CODES).filter(([, s]) => s === status).map(([code]) => code);
  const shown = agentMessage(status);
  return {
    description: `${WHEN[status]} Agent message: ${shown.ko} (${shown.en}) Codes: ${codes.join(', ')}.`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
}
