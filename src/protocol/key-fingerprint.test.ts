import { describe, expect, it } from 'vitest';
import { keyFingerprint } from './key-fingerprint.js';

describe('keyFingerprint', () => {
  it('is the first 8 hex of SHA-256 over the key, as sha256sum prints it', () => {
    // printf %s bf7769e5321448de88838cdb | sha256sum | cut -c1-8
    expect(keyFingerprint('bf7769e5321448de88838cdb')).toBe('63d82c4e');
    expect(keyFingerprint('bf7769e5321448de88838cdc')).not.toBe('63d82c4e');
  });
});
