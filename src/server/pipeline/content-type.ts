// The guide never names the Content-Type the helpdesk sends, and the signature (not the header)
// authenticates the body, so the header is only used to refuse what cannot be the protocol's
// UTF-8 JSON: a declared non-UTF-8 charset would be misread, and a form or multipart body is
// a client sending something else entirely.
const CHARSETS = new Set(['utf-8', 'utf8']);
const BODY_TYPES = new Set(['application/json', 'text/json', 'text/plain', 'application/octet-stream']);

/**
 * Whether a request's `Content-Type` allows reading its body as the protocol's UTF-8 JSON:
 * none at all, `application/json`, any `application/*+json`, `text/json`, `text/plain` or
 * `application/octet-stream`, with no charset or UTF-8. Everything else (a form, multipart,
 * XML, another charset) is refused.
 *
 * @example
 * isJsonContentType(undefined)                         // true
 * isJsonContentType('application/json; charset=UTF-8') // true
 * isJsonContentType('text/plain')                      // true
 * isJsonContentType('application/json; charset=euc-kr') // false
 * isJsonContentType('application/x-www-form-urlencoded') // false
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true;
  const [rawType = '', ...params] = value.toLowerCase().split(';');
  const type = rawType.trim();
  if (type !== '' && !BODY_TYPES.has(type) && !/^application\/[^/\s]+\+json$/.test(type)) return false;
  for (const param of params) {
    const [name, raw] = param.split('=');
    if (name?.trim() !== 'charset') continue;
    const charset = raw?.trim().replace(/^"(.*)"$/, '$1') ?? '';
    if (!CHARSETS.has(charset)) return false;
  }
  return true;
}
