// C0 and C1 controls and DEL (escape sequences, OSC title changes, clear screen, a bare CR that
// overwrites a line), the bidi overrides and isolates that reorder what a line seems to say,
// and the line and paragraph separators: a terminal acts on these instead of showing them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text from an endpoint made safe to print on a terminal, on one line: every control character
 * becomes its visible `\uXXXX` escape, the spelling `--output json` uses for the same character,
 * so what the endpoint sent can still be read (U+FFFD would hide it).
 *
 * @example
 * printable('a\x1b[2Jb') // 'a\\u001b[2Jb'
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
