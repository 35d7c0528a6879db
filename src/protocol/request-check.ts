import { DEFAULT_TOLERANCE_MS, SCHEMES, type Body, type Scheme, type VerifyOptions, type VerifyResult } from './types.js';

type Failure = Extract<VerifyResult, { ok: false }>;

/** What both verifiers (Node and Web Crypto) compute the HMAC over, once the request passed. */
export interface CheckedRequest {
  timestamp: string;
  authorization: string;
  body: Body;
  keys: readonly unknown[];
  uri: string | undefined;
  schemes: readonly Scheme[];
}

/** Length of a Base64-encoded HMAC-SHA256 digest. */
export const SIGNATURE_LENGTH = 44;
export const MALFORMED_SIGNATURE = 'Authorization is not standard Base64 of a 32-byte HMAC-SHA256 digest';
export const MISMATCHED_SIGNATURE = 'Authorization does not match the request';

// Canonical standard Base64 of 32 bytes: 43 symbols (the last carrying 2 zero bits) and one `=`.
// A non-canonical spelling decodes to the same bytes, but the guide compares strings, so custlink
// refuses it too and both entries agree.
const SIGNATURE_RE = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const BODY: readonly Scheme[] = ['body+timestamp'];
const URI: readonly Scheme[] = ['uri+body+timestamp'];
// `auto` with a URI tries every scheme, in SCHEMES' order: the body-only one first.
const EITHER: readonly Scheme[] = SCHEMES;
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
  const timestamp = checkTimestamp(options.timestamp, options.toleranceMs, options.now);
  if (typeof timestamp !== 'string') return timestamp;
  return checkSignatureInputs(options, timestamp);
}

/**
 * `checkRequest` after its timestamp check, for a caller that has already passed the timestamp
 * through `checkTimestamp` (the server does, before reading the body): the window is then
 * judged once, at the headers.
 *
 * @example
 * const checked = checkSignatureInputs(options, '1763800000000');
 * if ('ok' in checked) return checked; // a failure
 */
export function checkSignatureInputs(options: Omit<VerifyOptions, 'timestamp' | 'toleranceMs' | 'now'>, timestamp: string): CheckedRequest | Failure {
  const { body, authorization } = options;
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

/**
 * Checks `X-TC-Timestamp` and the clock window without any crypto, so a stale or malformed
 * request is refused before the HMAC is computed. Returns the header as a string, or a failure.
 *
 * @example
 * checkTimestamp('1763800000000', 300000, 1763800000000) // '1763800000000'
 * checkTimestamp('17e11', 300000, Date.now())            // { ok: false, code: 'bad_timestamp', ... }
 */
export function checkTimestamp(timestamp: unknown, toleranceMs: number | undefined, now: number | undefined): string | Failure {
  if (timestamp === undefined || timestamp === null || timestamp === '') {
    return { ok: false, code: 'missing_timestamp', message: 'X-TC-Timestamp header is missing' };
  }
  const ts = typeof timestamp === 'number' ? String(timestamp) : timestamp;
  if (typeof ts !== 'string' || !isDigits(ts)) {
    return { ok: false, code: 'bad_timestamp', message: 'X-TC-Timestamp must be 1-16 decimal digits (epoch milliseconds)' };
  }
  const tolerance = typeof toleranceMs === 'number' && toleranceMs >= 0 ? toleranceMs : DEFAULT_TOLERANCE_MS;
  const clock = typeof now === 'number' && Number.isFinite(now) ? now : Date.now();
  // The guide's Joda check: exactly the tolerance still passes, one millisecond more does not.
  const skew = clock - Number(ts);
  if (skew > tolerance) {
    return { ok: false, code: 'stale', message: `X-TC-Timestamp is ${skew} ms old; the allowed window is ±${tolerance} ms` };
  }
  if (-skew > tolerance) {
    return { ok: false, code: 'future', message: `X-TC-Timestamp is ${-skew} ms ahead; the allowed window is ±${tolerance} ms` };
  }
  return ts;
}

/**
 * Whether an `Authorization` value is shaped like a signature at all.
 *
 * @example
 * isSignatureShaped('BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=') // true
 * isSignatureShaped('not base64') // false
 */
export function isSignatureShaped(value: string): boolean {
  return SIGNATURE_RE.test(value);
}

/** 1-16 ASCII digits; a charCode loop is cheaper than a regex on this hot path. */
function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 16) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
