import { hash } from 'node:crypto';

/**
 * The path as sent on the request line, without the query string (Java's getRequestURI), which
 * is what `uri+body+timestamp` signs and what `listen.path` is compared with.
 *
 * @example
 * pathOf('/customer?debug=1') // '/customer'
 */
export function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * How a path no route answers is logged: its length and a short hash, never the text, since a
 * client may put a phone number in it (`/sq/010-7700-0010`). Equal paths log equal fields, so
 * repeated probes still stand out.
 *
 * @example
 * unknownPathFields('/sq/010-7700-0010') // { pathLength: 17, pathHash: '<12 hex of its SHA-256>' }
 */
export function unknownPathFields(path: string): { pathLength: number; pathHash: string } {
  return { pathLength: path.length, pathHash: hash('sha256', path, 'hex').slice(0, 12) };
}
