import { agentMessage } from '../protocol/agent-message.js';
import type { ApiEndpointConfig, LookupItemConfig } from './config/types.js';
import { CODES } from './pipeline/outcomes.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) or OpenAPI object, as plain data. */
type Json = { [key: string]: unknown };

/** An OpenAPI 3.1 document, plain JSON data: `JSON.stringify` it as is. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, { post: Json }>;
  components: { schemas: Record<string, Json>; securitySchemes?: Record<string, Json> };
}

export interface OpenApiOptions {
  /** `info.version`: the version of this description (default `1.0.0`). */
  version?: string;
}

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

/**
 * An OpenAPI 3.1 description of the endpoint a config serves: the lookup items (조회 항목) as
 * the request body, the result items (결과 항목) as `data`, the error envelope of every status
 * the helpdesk can get with the message it shows the agent, and the signature headers. Pure:
 * nothing is opened or read.
 *
 * @example
 * const doc = openApiDocument(loadConfigFile('custlink.yaml'));
 * process.stdout.write(JSON.stringify(doc, null, 2));
 */
export function openApiDocument(config: ApiEndpointConfig, options: OpenApiOptions = {}): OpenApiDocument {
  const signed = config.auth.enabled;
  const errors = Object.fromEntries(ERROR_STATUSES.map((status) => [String(status), errorResponse(status)]));
  return {
    openapi: '3.1.0',
    info: {
      title: `Customer-info endpoint (고객정보 연동): ${config.name}`,
      version: options.version ?? '1.0.0',
      description:
        'What NHN Cloud Online Contact calls to show a customer in the ticket screen: it POSTs the lookup items ' +
        '(조회 항목) of a ticket and shows the result items (결과 항목) of a 200, or the message that belongs to the status.',
    },
    paths: {
      [config.path]: {
        post: {
          operationId: 'lookupCustomer',
          summary: 'Look a customer up by the ticket’s lookup items',
          ...(signed ? { security: [{ signature: [], timestamp: [] }] } : {}),
          requestBody: {
            required: true,
            description: `UTF-8 JSON, at most ${config.limits.bodyBytes} bytes. Items not listed are ignored.`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/LookupItems' } } },
          },
          responses: {
            '200': {
              description: `${agentMessage(200).ko} (${agentMessage(200).en})`,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CustomerData' } } },
            },
            ...errors,
          },
        },
      },
    },
    components: {
      schemas: {
        LookupItems: lookupSchema(config.lookup),
        CustomerData: dataSchema(Object.keys(config.result)),
        ErrorEnvelope: ERROR_ENVELOPE,
      },
      ...(signed ? { securitySchemes: securitySchemes(config.auth) } : {}),
    },
  };
}

function lookupSchema(lookup: Readonly<Record<string, LookupItemConfig>>): Json {
  const required = Object.entries(lookup).filter(([, item]) => item.required).map(([name]) => name);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(lookup).map(([name, item]) => [name, itemSchema(item)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

/**
 * One lookup item as the endpoint judges it: `maxLength` counts the value as sent, while
 * `values` and `pattern` judge it after `normalize`, so with a normalize they can only be told.
 * An optional item may be `""` or `null` (absent), which neither `enum` nor `pattern` allows.
 */
function itemSchema(item: LookupItemConfig): Json {
  // Anchored as the endpoint anchors it: a JSON Schema pattern matches anywhere in the value.
  const pattern = item.pattern === undefined ? undefined : `^(?:${item.pattern})$`;
  const checks: Json = {};
  const notes: string[] = [];
  if (item.normalize !== undefined) {
    notes.push(`Normalized (${item.normalize}) before it is checked`);
    if (item.values !== undefined) notes.push(`then one of: ${item.values.join(', ')}`);
    if (item.pattern !== undefined) notes.push(`then the whole value must match ${item.pattern}`);
  } else {
    if (item.values !== undefined) checks.enum = item.values;
    if (pattern !== undefined) checks.pattern = pattern;
  }
  const description = notes.length > 0 ? { description: `${notes.join('; ')}.` } : {};
  if (item.required) return { type: 'string', minLength: 1, maxLength: item.maxLength, ...checks, ...description };
  const value = { type: 'string', maxLength: item.maxLength, ...checks };
  const absent = { description: 'Absent', enum: ['', null] };
  return Object.keys(checks).length === 0
    ? { type: ['string', 'null'], maxLength: item.maxLength, ...description }
    : { anyOf: [value, absent], ...description };
}

function dataSchema(items: string[]): Json {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        description: 'The result items (결과 항목), every value a string ("" for an empty column).',
        required: items,
        additionalProperties: false,
        properties: Object.fromEntries(items.map((name) => [name, { type: 'string' }])),
      },
    },
  };
}

const ERROR_ENVELOPE: Json = {
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

function errorResponse(status: (typeof ERROR_STATUSES)[number]): Json {
  const codes = Object.entries(CODES).filter(([, s]) => s === status).map(([code]) => code);
  const shown = agentMessage(status);
  return {
    description: `${WHEN[status]} Agent message: ${shown.ko} (${shown.en}) Codes: ${codes.join(', ')}.`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
}

const MESSAGES: Record<ApiEndpointConfig['auth']['scheme'], string> = {
  'body+timestamp': 'rawBody + X-TC-Timestamp',
  'uri+body+timestamp': 'requestURI + rawBody + X-TC-Timestamp (the request path, no query)',
  auto: 'rawBody + X-TC-Timestamp, or requestURI + rawBody + X-TC-Timestamp (both accepted)',
};

function securitySchemes(auth: ApiEndpointConfig['auth']): Record<string, Json> {
  const minutes = auth.toleranceMs / 60_000;
  return {
    signature: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description:
        `Base64 (standard, with padding, no prefix) of HMAC-SHA256 with the security key (암호화 키) over the UTF-8 bytes of ` +
        `${MESSAGES[auth.scheme]}. rawBody is the body exactly as sent. Compared in constant time; a mismatch is 403.`,
    },
    timestamp: {
      type: 'apiKey',
      in: 'header',
      name: 'X-TC-Timestamp',
      description: `The sending time in epoch milliseconds, digits only; more than ${minutes} minutes from the server's clock is 403.`,
    },
  };
}
