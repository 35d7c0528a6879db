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
