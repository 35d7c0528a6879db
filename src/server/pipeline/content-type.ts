const ACCEPTED = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * Whether a `Content-Type` is JSON the endpoint can read: `application/json`, with no charset
 * or UTF-8 (the protocol's body is UTF-8; another charset would be misread, not converted).
 *
 * @example
 * isJsonContentType('application/json; charset=UTF-8') // true
 * isJsonContentType('text/plain')                      // false
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (ACCEPTED.has(value)) return true;
  const [type, ...params] = value.toLowerCase().split(';');
  if (type === undefined || type.trim() !== 'application/json') return false;
  for (const param of params) {
    const [name, raw] = param.split('=');
    if (name?.trim() !== 'charset') continue;
    const charset = raw?.trim().replace(/^"(.*)"$/, '$1');
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}
