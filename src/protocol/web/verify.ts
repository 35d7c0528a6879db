import { checkRequest, isSignatureShaped, MALFORMED_SIGNATURE, MISMATCHED_SIGNATURE } from '../request-check.js';
import type { VerifyOptions, VerifyResult } from '../types.js';
import { fromBase64, importHmacKey, signedBytes } from './crypto.js';

/**
 * `verifyRequest` for Web Crypto runtimes. Same rules and results as the Node entry; the
 * comparison is `crypto.subtle.verify`, which is constant time.
 *
 * @example
 * import { verifyRequest } from 'custlink/web';
 * const result = await verifyRequest({
 *   keys: [env.CUSTLINK_KEY], body: await request.text(),
 *   timestamp: request.headers.get('x-tc-timestamp'), authorization: request.headers.get('authorization'),
 * });
 */
export async function verifyRequest(options: VerifyOptions): Promise<VerifyResult> {
  const checked = checkRequest(options);
  if ('ok' in checked) return checked;
  const { timestamp, authorization, body, keys, uri, schemes } = checked;
  // The guide compares Base64 strings, so a non-canonical spelling of the right bytes fails there too.
  if (!isSignatureShaped(authorization)) return { ok: false, code: 'bad_signature', message: MALFORMED_SIGNATURE };
  const signature = fromBase64(authorization);
  for (const scheme of schemes) {
    const message = signedBytes(scheme, uri, body, timestamp);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (typeof key !== 'string' || key.length === 0) continue;
      if (await crypto.subtle.verify('HMAC', await importHmacKey(key), signature, message)) {
        return { ok: true, scheme, keyIndex: k };
      }
    }
  }
  return { ok: false, code: 'bad_signature', message: MISMATCHED_SIGNATURE };
}
