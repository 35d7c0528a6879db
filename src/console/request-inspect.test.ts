import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { inspectRequest, signedString } from './request-inspect.js';

const base = { url: 'http://127.0.0.1:8080/oc/customer', timeoutMs: 3000, timestamp: '1763800000000' };

describe('the request inspector', () => {
  it('signs the body and timestamp, with the request URI first under uri+body+timestamp', () => {
    expect(signedString('body+timestamp', '/oc/customer', '{"a":"1"}', '1763800000000')).toBe('{"a":"1"}1763800000000');
    expect(signedString('uri+body+timestamp', '/oc/customer', '{"a":"1"}', '1763800000000')).toBe('/oc/customer{"a":"1"}1763800000000');
    const uri = inspectRequest({ ...base, scheme: 'uri+body+timestamp', body: '{}', authorization: 'sig' });
    expect(uri.signed).toBe('/oc/customer{}1763800000000');
    expect(uri.curl).toContain("--scheme uri+body+timestamp --uri '/oc/customer' --headers");
    expect(uri.call).toContain('--scheme uri+body+timestamp');
  });

  it('quotes the body for a POSIX shell, so a quote in a value reaches the endpoint as typed', () => {
    const body = `{"name":"O'Brien $HOME \`x\`"}`;
    const view = inspectRequest({ ...base, scheme: 'body+timestamp', body });
    expect(view.signed).toBeUndefined();
    expect(view.call).not.toContain('CUSTLINK_KEY');
    const quoted = /--json (.*)$/.exec(view.call)?.[1] ?? '';
    expect(execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' })).toBe(body);
  });
});
