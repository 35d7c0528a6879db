import { checkSignOptions } from '../sign-options.js';
import type { SignOptions, SignResult } from '../types.js';
import { importHmacKey, signedBytes, toBase64 } from './crypto.js';

/**
 * `signRequest` for runtimes with Web Crypto and no `node:crypto` (browsers, workers, Deno, Bun).
 * Same inputs and output as the Node entry, asynchronous.
 *
 * @example
 * import { signRequest } from 'custlink/web';
 * const { authorization, timestamp } = await signRequest({ key, body: '{"callNum":"1"}' });
 */
export async function signRequest(options: SignOptions): Promise<SignResult> {
  const { key, scheme, uri, body, timestamp } = checkSignOptions(options);
  const mac = await crypto.subtle.sign('HMAC', await importHmacKey(key), signedBytes(scheme, uri, body, timestamp));
  return { authorization: toBase64(new Uint8Array(mac)), timestamp };
}
