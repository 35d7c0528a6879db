import { CustlinkError } from '../protocol/errors.js';
import { computeSignature } from '../protocol/hmac.js';
import { checkScheme, checkTimeout, checkUrl, lowerCase } from './client-options.js';
import { interpret } from './outcome.js';
import { redactHeaders } from './redact.js';
import { post } from './transport.js';
import type { Client, ClientOptions, LookupResult, SendOptions } from './types.js';

export { DEFAULT_TIMEOUT_MS } from './client-options.js';
const USER_AGENT = 'custlink';

/**
 * A client for one customer-info endpoint that behaves like the helpdesk: it POSTs the lookup
 * items as JSON, signs the exact bytes it sends, and reports what the agent would see. HTTP
 * outcomes (timeout, refused, bad body) are results, never exceptions; only a mistake in the
 * options themselves throws a `CustlinkError`.
 *
 * @example
 * const client = createClient({ url: 'https://crm.example.com/oc/customer', key: process.env.CUSTLINK_KEY });
 * const result = await client.lookup({ callNum: '01012345678', nation: 'korea' });
 * if (result.ok) console.log(result.data); else console.log(result.status, result.agentMessage.en, result.cause);
 */
export function createClient(options: ClientOptions): Client {
  const url = checkUrl(options.url);
  const scheme = checkScheme(options.scheme);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const key = options.key;
  if (key !== undefined && (typeof key !== 'string' || key === '')) {
    throw new CustlinkError('CUSTLINK_INVALID_KEY', 'createClient: key must be a non-empty string when given');
  }
  const baseHeaders = lowerCase(options.headers ?? {});
  // The Java example's receiver reads getRequestURI(): the path on the request line, no query.
  const uri = url.pathname;
  let lastTimestamp = 0;

  // Strictly increasing, so two requests with the same body never share a signature and an
  // endpoint with replay protection never mistakes our second lookup for a replay.
  const nextTimestamp = (): string => {
    const now = Date.now();
    lastTimestamp = now > lastTimestamp ? now : lastTimestamp + 1;
    return String(lastTimestamp);
  };

  const send = async (request: SendOptions): Promise<LookupResult> => {
    if (typeof request?.body !== 'string' && !(request?.body instanceof Uint8Array)) {
      throw new CustlinkError('CUSTLINK_INVALID_BODY', 'send: body must be a string or bytes');
    }
    const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
    const timestamp =
      request.timestamp === null ? undefined : request.timestamp === undefined ? nextTimestamp() : String(request.timestamp);
    let authorization: string | undefined;
    if (typeof request.authorization === 'string') authorization = request.authorization;
    else if (request.authorization === undefined && key !== undefined) {
      // Signed over the very buffer that is written to the socket: nothing is re-serialised.
      authorization = computeSignature(key, scheme, uri, body, timestamp ?? '');
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...baseHeaders,
      'content-length': String(body.length),
      ...(timestamp === undefined ? {} : { 'x-tc-timestamp': timestamp }),
      ...(authorization === undefined ? {} : { authorization }),
      ...lowerCase(request.headers ?? {}),
    };
    const raw = await post(url, body, {
      headers,
      timeoutMs: request.timeoutMs === undefined ? timeoutMs : checkTimeout(request.timeoutMs),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    return {
      ...interpret(raw),
      headers: raw.headers,
      rawBody: raw.body.toString('utf8'),
      durationMs: raw.durationMs,
      request: {
        method: 'POST',
        url: url.href,
        headers: redactHeaders(headers),
        body: body.toString('utf8'),
        bodyBytes: body.length,
      },
    };
  };

  return {
    url,
    scheme,
    timeoutMs,
    signed: key !== undefined,
    send,
    async lookup(items) {
      if (typeof items !== 'object' || items === null || Array.isArray(items)) {
        throw new CustlinkError('CUSTLINK_INVALID_ITEMS', 'lookup: items must be an object of lookup items');
      }
      return send({ body: JSON.stringify(items) });
    },
  };
}
