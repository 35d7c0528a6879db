/**
 * Standard Base64 of exactly 32 bytes, canonical: 43 symbols (the last carrying 2 zero bits)
 * and one `=`. A non-canonical spelling decodes to the same bytes, but the guide compares
 * strings, so custlink refuses it too and both entries agree.
 */
const SIGNATURE_RE = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** Length of a Base64-encoded HMAC-SHA256 digest. */
export const SIGNATURE_LENGTH = 44;

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

export const MALFORMED_SIGNATURE =
  'Authorization is not standard Base64 of a 32-byte HMAC-SHA256 digest';
export const MISMATCHED_SIGNATURE = 'Authorization does not match the request';
