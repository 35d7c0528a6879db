import { describe, expect, it } from 'vitest';
import { listeningOn } from './address.js';

describe('listeningOn', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080/oc'],
    ['::1', 'http://[::1]:8080/oc'],
    ['0.0.0.0', 'http://0.0.0.0:8080/oc (every IPv4 address of this machine; from here: http://127.0.0.1:8080/oc)'],
    ['::', 'http://[::]:8080/oc (every address of this machine; from here: http://[::1]:8080/oc)'],
  ])('%s -> %s', (host, line) => {
    expect(listeningOn(host, 8080, 'http', '/oc')).toBe(line);
  });
});
