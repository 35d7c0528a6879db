import { signaturesEqual } from './compare.js';
import { computeSignature } from './hmac.js';
import { checkRequest } from './request-check.js';
import { MALFORMED_SIGNATURE, MISMATCHED_SIGNATURE, isSignatureShaped } from './signature-format.js';
import type { VerifyOptions, VerifyResult } from './types.js';

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
  if ('ok' in checked) return checked;
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
  return {
    ok: false,
    code: 'bad_signature',
    message: isSignatureShaped(authorization) ? MISMATCHED_SIGNATURE : MALFORMED_SIGNATURE,
  };
}
