/**
 * The `{item}` placeholders of an HTTP source's URL template, in order of appearance, each name
 * once. Only identifiers count, so a literal brace elsewhere (rare in URLs) is left alone.
 *
 * @example
 * urlPlaceholders('https://members.internal/v1/customers?phone={callNum}&t={callNum}') // ['callNum']
 */
export function urlPlaceholders(template: string): string[] {
  const found = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) found.add(match[1]!);
  return [...found];
}

/**
 * Fills a URL template's placeholders with percent-encoded values; a name without a value (an
 * optional item the request did not send) becomes empty.
 *
 * @example
 * fillUrl('https://members.internal/customers/{id}', { id: '홍 1' }) // 'https://members.internal/customers/%ED%99%8D%201'
 */
export function fillUrl(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => (Object.hasOwn(values, name) ? encodeURIComponent(values[name]!) : ''));
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
