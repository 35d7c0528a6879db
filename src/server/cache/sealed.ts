import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type pino from 'pino';
import type { CacheStore } from './store.js';

/** How a store that leaves the process is keyed and what it holds, under one `cache.key`. */
export interface CacheSeal {
  /** The store key for an API's normalized lookup values: an HMAC, so no value is guessable from it. */
  keyOf(api: string, values: readonly (string | null)[]): string;
  /** `store` holding only ciphertext: each value sealed to its key, one that does not open is a miss. */
  wrap(store: CacheStore, api: string): CacheStore;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Keys and seals entries under `secret` (`cache.key`). HKDF gives the MAC and the encryption key
 * apart, so neither is ever used for both. The key is HMAC-SHA256 over the API name and the
 * values as a JSON array (unambiguous: `["a","bc"]` is not `["ab","c"]`), so a phone number
 * cannot be found back by trying the whole 010 range, as it could from a plain hash. A value is
 * AES-256-GCM with a fresh random nonce, its API name and store key as additional data: an
 * entry copied under another key, a tampered one, or one from before a key change fails to open
 * and counts as a miss, logged at warn without any value.
 *
 * @example
 * const seal = createCacheSeal(config.cache.key, 'custlink:cache:3f9a0c1b2d4e5f60:', logger);
 * const store = seal.wrap(redisStore, 'default');
 * store.set(seal.keyOf('default', ['01012345678']), '{"data":{...}}'); // Redis holds base64 ciphertext
 */
export function createCacheSeal(secret: string, namespace: string, logger: pino.Logger): CacheSeal {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'custlink cache', info, 32));
  const macKey = derive('custlink cache key v1');
  const encKey = derive('custlink cache value v1');
  const aad = (api: string, key: string) => Buffer.from(JSON.stringify([api, key]));
  const seal = (api: string, key: string, plain: string): string => {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encKey, nonce).setAAD(aad(api, key));
    const sealed = Buffer.concat([nonce, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return sealed.toString('base64');
  };
  const open = (api: string, key: string, stored: string): string | undefined => {
    const bytes = Buffer.from(stored, 'base64');
    try {
      if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error('too short');
      const decipher = createDecipheriv('aes-256-gcm', encKey, bytes.subarray(0, NONCE_BYTES)).setAAD(aad(api, key));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      // Neither the key nor the entry: either could hold what the cache exists to hide.
      logger.warn({ api }, 'cache entry (Redis) does not open under cache.key (changed key or tampered entry): a miss');
      return undefined;
    }
  };
  return {
    keyOf: (api, values) => namespace + createHmac('sha256', macKey).update(JSON.stringify([api, ...values])).digest('hex'),
    wrap: (store, api) => ({
      get(key) {
        const stored = store.get(key);
        const opened = (value: string | undefined) => (value === undefined ? undefined : open(api, key, value));
        return stored instanceof Promise ? stored.then(opened) : opened(stored);
      },
      set: (key, value) => store.set(key, seal(api, key, value)),
      close: () => store.close(),
    }),
  };
}
