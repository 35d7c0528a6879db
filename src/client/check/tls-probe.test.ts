import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { tlsProbe } from './tls-probe.js';

describe('tls probe', () => {
  it('warns on plain HTTP to another host, passes HTTPS and loopback HTTP', async () => {
    const verdict = async (url: string) => (await tlsProbe(createContext({ url, key: 'k', found: {} }))).verdict;
    expect(await verdict('http://crm.example.com/oc')).toBe('warn');
    expect(await verdict('https://crm.example.com/oc')).toBe('pass');
    expect(await verdict('http://127.0.0.1:8080/oc')).toBe('pass');
    expect(await verdict('http://[::1]:8080/oc')).toBe('pass');
  });
});
