import { describe, expect, it } from 'vitest';
import { listenError } from './listen.js';

const errno = (code: string, syscall: string, hostname?: string) => Object.assign(new Error(code), { code, syscall, hostname });

describe('listenError', () => {
  it.each([
    [errno('EADDRINUSE', 'listen'), 'listen: 127.0.0.1:8080 is in use'],
    [errno('EADDRNOTAVAIL', 'listen'), 'listen.host: 127.0.0.1 is not an address this machine has'],
    [errno('EACCES', 'listen'), 'listen.port: 8080 needs privileges'],
    [errno('ENOTFOUND', 'getaddrinfo', '127.0.0.1'), 'listen.host: 127.0.0.1 is not an address this machine has'],
  ])('names the key for %s', (error, message) => {
    expect(listenError(error, '127.0.0.1', 8080)?.message).toContain(message);
  });

  it('leaves alone an error that is not the listen socket\'s, e.g. a database host that does not resolve', () => {
    expect(listenError(errno('ENOTFOUND', 'getaddrinfo', 'db.internal'), '127.0.0.1', 8080)).toBeUndefined();
    expect(listenError(errno('EACCES', 'open'), '127.0.0.1', 8080)).toBeUndefined();
  });
});
