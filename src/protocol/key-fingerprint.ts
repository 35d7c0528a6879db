import { createHash } from 'node:crypto';

/**
 * A short public fingerprint of a security key: the first 8 hex characters of SHA-256 over its
 * UTF-8 bytes. Two sides compare fingerprints to see whether they hold the same key without
 * either showing the key; 32 bits tell keys apart and give nothing usable away.
 *
 * @example
 * keyFingerprint('bf7769e5321448de88838cdb') // 8 hex characters, the same on every machine
 */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);
}
