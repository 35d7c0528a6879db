import { agentMessage } from '../../protocol/agent-message.js';
import type { ApiEndpointConfig } from '../config/types.js';
import { ERROR_ENVELOPE, errorResponses } from './errors.js';
import { dataSchema, lookupSchema, type Json } from './schemas.js';
import { securitySchemes } from './security.js';

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
            ...errorResponses(),
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
