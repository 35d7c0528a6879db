import { ConfigError } from '../config/error.js';
import { fillUrl, urlPlaceholders } from '../vocabulary/url-params.js';
import type { HttpSourceConfig } from '../config/types.js';
import { Agent, request, type Dispatcher } from 'undici';
import type { Source } from '../types.js';
import { dig, HttpSourceError, pickRows, readText } from './http-answer.js';

/** The most bytes of an upstream answer read before the lookup fails (1 MiB). */
const MAX_UPSTREAM_BYTES = 1024 * 1024;

export interface HttpSourceOptions {
  /** How long `ready()` waits for the upstream (default 2000 ms). */
  timeoutMs?: number;
  /** Default `MAX_UPSTREAM_BYTES`. */
  maxBytes?: number;
}

/**
 * The HTTP source: an existing internal API answers the lookup. Each lookup fills the URL
 * template (values percent-encoded) or, for POST, sends the lookup items as a JSON object; the
 * rows are read at the `rows` dot path of the JSON answer (an object is one row, an array rows).
 * A status in `notFoundStatus` means no customer; any other non-2xx status, a body that is not
 * JSON or larger than `maxBytes`, or a network error rejects. The pipeline's deadline aborts the
 * upstream request through `signal`.
 *
 * @example
 * const source = openHttpSource({ type: 'http', url: 'https://members.internal/v1?phone={callNum}', method: 'GET',
 *   headers: { authorization: 'Bearer ...' }, rows: 'data.member', notFoundStatus: [404], unique: false });
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export function openHttpSource(config: HttpSourceConfig, options: HttpSourceOptions = {}): Source {
  const { method, rows: path, notFoundStatus } = config;
  const maxBytes = options.maxBytes ?? MAX_UPSTREAM_BYTES;
  const headers = checkedHeaders(config.headers);
  if (method === 'POST') headers['content-type'] = 'application/json';
  checkUrl(config.url);
  const beforeQuery = config.url.replace(/[?#].*$/s, '');
  // Errors name the template without query, fragment or user info: those may hold a token,
  // and a filled URL would hold the lookup values.
  const where = `${method} ${beforeQuery.replace(/^(https?:\/\/)[^/]*@/, '$1')}`;
  const origin = new URL(fillUrl(config.url, {})).origin;
  const segments = path === '' ? [] : path.split('.');
  // URL parsers resolve a "." or ".." path segment, and an empty one may name a listing: such a
  // value would reach another upstream resource, so it matches no customer instead.
  const pathNames = urlPlaceholders(beforeQuery);
  const strayPath = (params: Readonly<Record<string, string>>) => pathNames.some((n) => !Object.hasOwn(params, n) || /^\.{0,2}$/.test(params[n]!));

  // Connections of this source's own, kept alive between lookups; closed with the source.
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
  let closed: Promise<void> | undefined;

  return {
    async lookup(params, limit, signal) {
      if (strayPath(params)) return [];
      // The pipeline refuses lone surrogates (ITEM_MALFORMED); a direct caller gets "URI malformed".
      const url = fillUrl(config.url, params);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method,
          headers,
          signal,
          dispatcher: agent,
          // A redirect could carry the headers (tokens) elsewhere; it is reported as a status.
          maxRedirections: 0,
          ...(method === 'POST' ? { body: JSON.stringify(params) } : {}),
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        // No `cause`: it could quote the filled URL (lookup values) into the log.
        const code = problem(error);
        throw new HttpSourceError(`${where}: no answer (${code})`, undefined, code);
      }
      const status = response.statusCode;
      if (notFoundStatus.includes(status)) {
        await response.body.dump();
        return [];
      }
      if (status < 200 || status > 299) {
        await response.body.dump();
        throw new HttpSourceError(`${where}: upstream answered HTTP ${status}`, status);
      }
      let text: string;
      try {
        text = await readText(status, response.headers, response.body, maxBytes, where);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof HttpSourceError) throw error;
        const code = problem(error);
        throw new HttpSourceError(`${where}: the answer broke off (${code})`, status, code);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // The parser's message quotes the body, which may be personal data.
        throw new HttpSourceError(`${where}: upstream answered HTTP ${status} with a body that is not JSON`, status);
      }
      return pickRows(dig(body, segments), limit, `${where}: the value at rows "${path}"`);
    },
    async ready() {
      // Any status proves the upstream is up; its health route is unknown.
      const response = await request(origin, { method: 'HEAD', dispatcher: agent, maxRedirections: 0, signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
      await response.body.dump();
    },
    close() {
      closed ??= agent.close();
      return closed;
    },
  };
}

function checkedHeaders(config: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(config)) {
    // A line break would end the header and start another: header injection from a config value.
    if (/[\r\n\0]/.test(value)) {
      // The value is not quoted: it is a token.
      throw new ConfigError([{ path: `source.headers.${name}`, message: 'not a valid header value (no line breaks)' }]);
    }
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

function checkUrl(template: string): void {
  if (!URL.canParse(fillUrl(template, {}))) {
    throw new ConfigError([{ path: 'source.url', message: 'is not a valid URL once its placeholders are filled' }]);
  }
}

/** A network error's code (ECONNREFUSED); never its message, which may quote the URL. */
function problem(error: unknown): string {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
