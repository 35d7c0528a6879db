import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';
import type { Body, Scheme } from './types.js';

// A key of at most 64 ASCII bytes (every helpdesk key) gets RFC 2104's padded blocks, so an
// HMAC is two one-shot `crypto.hash` calls, about 2.5 times faster on a small body than the
// stream `createHmac` builds per call. Any other key gets a cached `KeyObject`.
type PreparedKey = { ipad: string; ipadBytes: Buffer; outer: Buffer } | KeyObject;

const BLOCK = 64;
const MAX_KEYS = 256;
const SCRATCH_MAX = 65_536;
const keys = new Map<string, PreparedKey>();
let scratch = Buffer.alloc(8192);

/**
 * Base64 HMAC-SHA256 of `[uri] + body + timestamp` under `key`: the protocol's signature.
 * The shared vectors and a property test against Web Crypto hold the fast path exact.
 *
 * @example
 * computeSignature('bf7769e5321448de88838cdb', 'body+timestamp', undefined, '{}', '1763800000000')
 */
export function computeSignature(key: string, scheme: Scheme, uri: string | undefined, body: Body, timestamp: string): string {
  const prepared = prepareKey(key);
  const prefix = scheme === 'uri+body+timestamp' ? (uri ?? '') : '';
  if (!('outer' in prepared)) {
    const h = createHmac('sha256', prepared);
    if (prefix !== '') h.update(prefix, 'utf8');
    return (typeof body === 'string' ? h.update(body, 'utf8') : h.update(body)).update(timestamp, 'utf8').digest('base64');
  }
  const inner =
    typeof body === 'string'
      ? hash('sha256', prepared.ipad + prefix + body + timestamp, 'binary')
      : hash('sha256', innerBytes(prepared.ipadBytes, prefix, body, timestamp), 'binary');
  // The outer block is per key and signing is synchronous, so writing into it is safe.
  prepared.outer.write(inner, BLOCK, 'binary');
  return hash('sha256', prepared.outer, 'base64');
}

/**
 * Hex HMAC-SHA256 of the UTF-8 text `message` under `key`, on the same prepared keys and fast
 * path as `computeSignature`: the access records hash every looked-up value with it.
 *
 * @example
 * hmacHex('bench-audit-key-0123456789abcdef0123456789', '01012345678') // 64 hex characters
 */
export function hmacHex(key: string, message: string): string {
  const prepared = prepareKey(key);
  if (!('outer' in prepared)) return createHmac('sha256', prepared).update(message, 'utf8').digest('hex');
  prepared.outer.write(hash('sha256', prepared.ipad + message, 'binary'), BLOCK, 'binary');
  return hash('sha256', prepared.outer, 'hex');
}

function prepareKey(key: string): PreparedKey {
  let prepared = keys.get(key);
  if (prepared !== undefined) return prepared;
  // Bounded: a caller passing a fresh key per call must not grow memory without limit.
  if (keys.size >= MAX_KEYS) keys.clear();
  const bytes = Buffer.from(key, 'utf8');
  if (bytes.length > BLOCK || bytes.length !== key.length) {
    prepared = createSecretKey(bytes);
  } else {
    // ASCII key bytes XOR 0x36 stay ASCII, so the inner pad can lead a string message whose
    // UTF-8 encoding leaves it unchanged.
    const ipadBytes = Buffer.alloc(BLOCK, 0x36);
    const outer = Buffer.alloc(BLOCK + 32, 0x5c);
    for (let i = 0; i < bytes.length; i++) {
      ipadBytes[i] = bytes[i]! ^ 0x36;
      outer[i] = bytes[i]! ^ 0x5c;
    }
    prepared = { ipad: ipadBytes.toString('latin1'), ipadBytes, outer };
  }
  keys.set(key, prepared);
  return prepared;
}

/** ipad || uri || body || timestamp in one reused buffer, so a bytes body is copied once. */
function innerBytes(ipad: Buffer, prefix: string, body: Uint8Array, timestamp: string): Uint8Array {
  const prefixLength = prefix === '' ? 0 : Buffer.byteLength(prefix, 'utf8');
  const total = BLOCK + prefixLength + body.length + timestamp.length;
  // Grown up to a cap, so one huge body does not pin its size in memory for good.
  if (total > scratch.length && total <= SCRATCH_MAX) scratch = Buffer.alloc(Math.max(total, scratch.length * 2));
  const out = total <= scratch.length ? scratch : Buffer.alloc(total);
  ipad.copy(out, 0);
  let at = BLOCK;
  if (prefixLength > 0) at += out.write(prefix, at, 'utf8');
  out.set(body, at);
  out.write(timestamp, at + body.length, 'latin1');
  return out.subarray(0, total);
}
