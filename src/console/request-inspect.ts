import type { Scheme } from '../protocol/types.js';
import type { RequestInspection } from './types.js';

/**
 * The exact string HMAC-SHA256 is computed over (PROTOCOL.md): `[request URI] + body + X-TC-Timestamp`.
 *
 * @example
 * signedString('uri+body+timestamp', '/oc/customer', '{}', '1763800000000') // '/oc/customer{}1763800000000'
 */
export function signedString(scheme: Scheme, uri: string, body: string, timestamp: string): string {
  return `${scheme === 'uri+body+timestamp' ? uri : ''}${body}${timestamp}`;
}

/** A POSIX shell word: single-quoted, a quote inside written as '\''. */
const sh = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * What 상세 shows to repeat and check one request: the string that was signed, the full
 * Authorization (the page hides it until asked), and a `custlink call` and a `curl` line that
 * send the same body again. The key appears in them only as "$CUSTLINK_KEY", never itself.
 *
 * @example
 * inspectRequest({ scheme: 'body+timestamp', url: 'http://127.0.0.1:8080/', timeoutMs: 5000, body: '{"callNum":"0"}', timestamp: '1763800000000', authorization: 'BXKL...' }).signed
 * // '{"callNum":"0"}1763800000000'
 */
export function inspectRequest(input: { scheme: Scheme; url: string; timeoutMs: number; body: string; timestamp: string; authorization?: string; requestId?: string }): RequestInspection {
  const { scheme, url, body, timestamp, authorization } = input;
  const uri = new URL(url).pathname;
  const signing = authorization !== undefined;
  const schemeFlag = scheme === 'body+timestamp' ? '' : ` --scheme ${scheme}`;
  const call = `custlink call ${sh(url)}${signing ? ' --key "$CUSTLINK_KEY"' : ''}${schemeFlag} --timeout ${input.timeoutMs} --json ${sh(body)}`;
  const post = `curl -sS -H 'Content-Type: application/json; charset=UTF-8' --data-raw ${sh(body)} ${sh(url)}`;
  const sign = `custlink sign --key "$CUSTLINK_KEY"${schemeFlag}${scheme === 'uri+body+timestamp' ? ` --uri ${sh(uri)}` : ''} --headers`;
  return {
    scheme,
    uri,
    timestamp,
    ...(signing ? { signed: signedString(scheme, uri, body, timestamp), authorization } : {}),
    call,
    curl: signing ? `printf '%s' ${sh(body)} | ${sign} | ${post.replace('curl -sS ', 'curl -sS -H @- ')}` : post,
    requestId: input.requestId ?? '',
  };
}
