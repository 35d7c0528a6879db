const KEEP = 4;

/**
 * A signature or key shortened so it can be printed: enough to tell two apart in a log,
 * never enough to replay or to brute-force against a known body.
 *
 * @example
 * redact('BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=') // 'BXKL…(44 chars)'
 */
export function redact(value: string): string {
  if (value === '') return '';
  // Short values are shown as their length only: four characters of eight is half of it.
  if (value.length <= 2 * KEEP) return `…(${value.length} chars)`;
  return `${value.slice(0, KEEP)}…(${value.length} chars)`;
}

/**
 * A copy of request headers with the Authorization value redacted (header names in any case).
 *
 * @example
 * redactHeaders({ authorization: 'BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=' }).authorization // 'BXKL…(44 chars)'
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? redact(value) : value;
  }
  return out;
}
