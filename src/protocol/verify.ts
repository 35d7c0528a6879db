import { timingSafeEqual } from 'node:crypto';
import { computeSignature } from './hmac.js';
import { checkRequest, checkSignatureInputs, isSignatureShaped, MALFORMED_SIGNATURE, MISMATCHED_SIGNATURE, SIGNATURE_LENGTH, type CheckedRequest } from './request-check.js';
import type { VerifyOptions, VerifyResult } from './types.js';

// Scratch buffers reused across calls: verification is synchronous, so no two calls interleave.
const expectedBytes = Buffer.alloc(SIGNATURE_LENGTH);
const givenBytes = Buffer.alloc(SIGNATURE_LENGTH);

/**
 * Verifies a request as the customer-info endpoint must: timestamp present, numeric and within
 * the window, then the signature compared in constant time against every accepted key.
 * Never throws on what a client sent; a failure carries a code and a message fit for a log.
 *
 * @example
 * const result = verifyRequest({
 *   keys: [process.env.CUSTLINK_KEY!],
 *   body: rawBody,
 *   timestamp: req.headers['x-tc-timestamp'],
 *   authorization: req.headers.authorization,
 * });
 * if (!result.ok) reply.code(403).send({ error: { code: result.code, message: result.message, detail: null } });
 */
export function verifyRequest(options: VerifyOptions): VerifyResult {
  const checked = checkRequest(options);
  return 'ok' in checked ? checked : matchSignature(checked);
}

/**
 * `verifyRequest` for a caller that has already checked `timestamp` with `checkTimestamp` (the
 * server, at the headers, before the body is read): the window is not judged a second time.
 *
 * @example
 * const stamp = checkTimestamp(headers['x-tc-timestamp'], 300000, Date.now());
 * if (typeof stamp === 'string') verifyTimestamped({ keys: [key], body, authorization }, stamp).ok // true
 */
export function verifyTimestamped(options: Omit<VerifyOptions, 'timestamp' | 'toleranceMs' | 'now'>, timestamp: string): VerifyResult {
  const checked = checkSignatureInputs(options, timestamp);
  return 'ok' in checked ? checked : matchSignature(checked);
}

function matchSignature(checked: CheckedRequest): VerifyResult {
  const { timestamp, authorization, body, keys, uri, schemes } = checked;
  for (let s = 0; s < schemes.length; s++) {
    const scheme = schemes[s]!;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (typeof key !== 'string' || key.length === 0) continue;
      if (signaturesEqual(computeSignature(key, scheme, uri, body, timestamp), authorization)) {
        return { ok: true, scheme, keyIndex: k };
      }
    }
  }
  const message = isSignatureShaped(authorization) ? MISMATCHED_SIGNATURE : MALFORMED_SIGNATURE;
  return { ok: false, code: 'bad_signature', message };
}

/**
 * The bytes are compared in full whatever the received length, so the time taken says nothing
 * about how much of a forged signature was right.
 */
function signaturesEqual(expected: string, given: string): boolean {
  expectedBytes.write(expected, 0, 'latin1');
  // UTF-8 so that a non-ASCII character can never alias an ASCII one; a longer value is cut.
  const written = givenBytes.write(given, 0, 'utf8');
  const same = timingSafeEqual(expectedBytes, givenBytes);
  return same && written === SIGNATURE_LENGTH && given.length === SIGNATURE_LENGTH;
}
