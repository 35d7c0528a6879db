import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { isLoopback, tlsProbe } from './tls-probe.js';

describe('tls probe', () => {
  it('warns on plain HTTP to another host, passes HTTPS and loopback HTTP', async () => {
    const verdict = async (url: string) => (await tlsProbe(createContext({ url, key: 'k', found: {} }))).verdict;
    expect(await verdict('http://crm.example.com/oc')).toBe('warn');
    expect(await verdict('https://crm.example.com/oc')).toBe('pass');
    expect(await verdict('http://127.0.0.1:8080/oc')).toBe('pass');
    expect(await verdict('http://[::1]:8080/oc')).toBe('pass');
  });

  it('knows loopback names', () => {
    expect(['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', 'example.com', 'localhost.example.com'].some(isLoopback)).toBe(false);
  });
});
