import type { ApiEndpointConfig } from '../config/types.js';
import type { Json } from './schemas.js';

const MESSAGES: Record<ApiEndpointConfig['auth']['scheme'], string> = {
  'body+timestamp': 'rawBody + X-TC-Timestamp',
  'uri+body+timestamp': 'requestURI + rawBody + X-TC-Timestamp (the request path, no query)',
  auto: 'rawBody + X-TC-Timestamp, or requestURI + rawBody + X-TC-Timestamp (both accepted)',
};

/**
 * The two headers a signed request carries, as OpenAPI security schemes: what the signature
 * is computed over for the config's scheme and how far the timestamp may be off. They describe
 * the signature, never the key: the document is meant to be handed around.
 *
 * @example
 * const schemes = securitySchemes(config.auth);
 * schemes.timestamp?.name // 'X-TC-Timestamp'
 */
export function securitySchemes(auth: ApiEndpointConfig['auth']): Record<string, Json> {
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
