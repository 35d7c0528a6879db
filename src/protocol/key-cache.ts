import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * What signing under one key needs, prepared once. Keys of at most 64 ASCII bytes (every
 * helpdesk key) get RFC 2104's padded blocks, so an HMAC is two one-shot hashes; any other
 * key gets a `KeyObject` for `createHmac`.
 */
export type PreparedKey =
  | { fast: true; ipad: string; ipadBytes: Buffer; outer: Buffer }
  | { fast: false; keyObject: KeyObject };

const BLOCK = 64;
const MAX_CACHED = 256;
const cache = new Map<string, PreparedKey>();

/**
 * The prepared form of a key, cached by value.
 *
 * @example
 * prepareKey('bf7769e5321448de88838cdb').fast // true
 */
export function prepareKey(key: string): PreparedKey {
  let prepared = cache.get(key);
  if (prepared === undefined) {
    // Bounded: a caller passing a fresh key per call must not grow memory without limit.
    if (cache.size >= MAX_CACHED) cache.clear();
    prepared = build(key);
    cache.set(key, prepared);
  }
  return prepared;
}

function build(key: string): PreparedKey {
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length > BLOCK || bytes.length !== key.length) {
    return { fast: false, keyObject: createSecretKey(bytes) };
  }
  // ASCII key bytes XOR 0x36 / 0x5c stay ASCII, so the inner pad can lead a string message
  // whose UTF-8 encoding leaves it unchanged.
  const ipadBytes = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0x5c);
  for (let i = 0; i < bytes.length; i++) {
    ipadBytes[i] = bytes[i]! ^ 0x36;
    outer[i] = bytes[i]! ^ 0x5c;
  }
  return { fast: true, ipad: ipadBytes.toString('latin1'), ipadBytes, outer };
}
