import { CustlinkError } from './errors.js';
import type { Body, Scheme, SignOptions } from './types.js';

export interface CheckedSignOptions {
  key: string;
  body: Body;
  uri: string | undefined;
  scheme: Scheme;
  timestamp: string;
}

/**
 * Validates what a caller asks to sign; a mistake here is the caller's own, so it throws.
 *
 * @example
 * checkSignOptions({ key: 'k', body: '{}', timestamp: 1 }).timestamp // '1'
 */
export function checkSignOptions(options: SignOptions): CheckedSignOptions {
  const { key, body, uri, scheme = 'body+timestamp' } = options;
  if (typeof key !== 'string' || key.length === 0) {
    throw new CustlinkError('CUSTLINK_INVALID_KEY', 'signRequest: key must be a non-empty string');
  }
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new CustlinkError('CUSTLINK_INVALID_BODY', 'signRequest: body must be a string or bytes');
  }
  if (scheme !== 'body+timestamp' && scheme !== 'uri+body+timestamp') {
    throw new CustlinkError(
      'CUSTLINK_INVALID_SCHEME',
      `signRequest: scheme must be body+timestamp or uri+body+timestamp, got ${String(scheme)}`,
    );
  }
  if (scheme === 'uri+body+timestamp' && typeof uri !== 'string') {
    throw new CustlinkError('CUSTLINK_MISSING_URI', 'signRequest: scheme uri+body+timestamp needs uri');
  }
  const timestamp = String(options.timestamp ?? Date.now());
  if (!/^\d{1,16}$/.test(timestamp)) {
    throw new CustlinkError('CUSTLINK_INVALID_TIMESTAMP', 'signRequest: timestamp must be 1-16 digits of epoch ms');
  }
  return { key, body, uri, scheme, timestamp };
}

/** The helpdesk's keys are 24 lowercase hex characters (96 bits), as in the guide. */
export const DEFAULT_KEY_LENGTH = 24;

/**
 * Validates a requested key length in hex characters (16-256).
 *
 * @example
 * keyLength({}) // 24
 */
export function keyLength(options: { length?: number }): number {
  const length = options.length ?? DEFAULT_KEY_LENGTH;
  if (!Number.isInteger(length) || length < 16 || length > 256) {
    throw new CustlinkError('CUSTLINK_INVALID_KEY_LENGTH', 'key length must be a whole number from 16 to 256');
  }
  return length;
}
