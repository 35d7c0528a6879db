import { describe, expect, it } from 'vitest';
import { isLoopback } from './loopback.js';

describe('isLoopback', () => {
  it('knows loopback names and addresses, bracketed or not', () => {
    expect(['localhost', 'api.localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '[::ffff:127.0.0.1]'].every(isLoopback)).toBe(true);
  });

  it('refuses every other host, wildcard binds included', () => {
    expect(['10.0.0.1', '128.0.0.1', '0.0.0.0', '::', '[::]', 'example.com', 'localhost.example.com', '127.0.0.1.example.com'].some(isLoopback)).toBe(false);
  });
});
