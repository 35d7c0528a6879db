import { MALFORMED_SIGNATURE } from './signature-format.js';
import { checkTimestamp } from './timestamp.js';
import type { Body, Scheme, VerifyOptions, VerifyResult } from './types.js';

type Failure = Extract<VerifyResult, { ok: false }>;

export interface CheckedRequest {
  timestamp: string;
  authorization: string;
  body: Body;
  keys: readonly unknown[];
  uri: string | undefined;
  schemes: readonly Scheme[];
}

const BODY: readonly Scheme[] = ['body+timestamp'];
const URI: readonly Scheme[] = ['uri+body+timestamp'];
const EITHER: readonly Scheme[] = ['body+timestamp', 'uri+body+timestamp'];
const NONE: readonly Scheme[] = [];

/**
 * Everything a verifier checks before any HMAC: timestamp, window, presence and type of the
 * signature, and which schemes can apply (the URI form only when a URI was given).
 *
 * @example
 * const checked = checkRequest(options);
 * if ('ok' in checked) return checked; // a failure
 */
export function checkRequest(options: VerifyOptions): CheckedRequest | Failure {
  const { body, authorization } = options;
  const timestamp = checkTimestamp(options.timestamp, options.toleranceMs, options.now);
  if (typeof timestamp !== 'string') return timestamp;
  if (authorization === undefined || authorization === null || authorization === '') {
    return { ok: false, code: 'missing_signature', message: 'Authorization header is missing' };
  }
  if (typeof authorization !== 'string' || (typeof body !== 'string' && !(body instanceof Uint8Array))) {
    return { ok: false, code: 'bad_signature', message: MALFORMED_SIGNATURE };
  }
  const keys = typeof options.keys === 'string' ? [options.keys] : Array.isArray(options.keys) ? options.keys : NONE;
  const uri = typeof options.uri === 'string' ? options.uri : undefined;
  const scheme = options.scheme;
  const schemes =
    scheme === 'uri+body+timestamp'
      ? uri === undefined ? NONE : URI
      : scheme === 'auto' && uri !== undefined ? EITHER : BODY;
  return { timestamp, authorization, body, keys, uri, schemes };
}
