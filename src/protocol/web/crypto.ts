import type { Body, Scheme } from '../types.js';

const encoder = new TextEncoder();
const MAX_CACHED = 256;
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * A Web Crypto HMAC-SHA256 key for a key string, imported once and cached by value.
 *
 * @example
 * const key = await importHmacKey('bf7769e5321448de88838cdb');
 */
export function importHmacKey(key: string): Promise<CryptoKey> {
  let pending = keys.get(key);
  if (pending === undefined) {
    if (keys.size >= MAX_CACHED) keys.clear();
    pending = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(key, pending);
  }
  return pending;
}

/**
 * The exact bytes that are signed: `[uri] + body + timestamp`, UTF-8.
 *
 * @example
 * signedBytes('body+timestamp', undefined, '{}', '1763800000000')
 */
export function signedBytes(
  scheme: Scheme,
  uri: string | undefined,
  body: Body,
  timestamp: string,
): Uint8Array<ArrayBuffer> {
  const head = scheme === 'uri+body+timestamp' ? encoder.encode(uri ?? '') : new Uint8Array(0);
  const middle = typeof body === 'string' ? encoder.encode(body) : body;
  const tail = encoder.encode(timestamp);
  const out = new Uint8Array(head.length + middle.length + tail.length);
  out.set(head, 0);
  out.set(middle, head.length);
  out.set(tail, head.length + middle.length);
  return out;
}

/**
 * Standard Base64 with padding, without `Buffer`.
 *
 * @example
 * toBase64(new Uint8Array([1, 2, 3])) // 'AQID'
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/**
 * Decodes Base64 that has already been checked to be well formed.
 *
 * @example
 * fromBase64('AQID') // Uint8Array [1, 2, 3]
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
