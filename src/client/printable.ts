// C0 and C1 controls and DEL (escape sequences, OSC title changes, clear screen, a bare CR that
// overwrites a line), every invisible format character (Unicode Cf: the bidi overrides and
// isolates that reorder what a line seems to say, zero-width spaces and joiners, the BOM), and
// the line and paragraph separators: a terminal acts on these, or shows nothing, instead of them.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

// The same less C0: JSON.stringify already escapes those inside strings, and the line breaks
// and indentation outside them are the layout.
const INVISIBLE_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

/** `\uXXXX` for each UTF-16 unit, so an astral format character (U+E0001) escapes as a pair. */
function escaped(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * Text from an endpoint made safe to print on a terminal, on one line: every control or
 * invisible format character becomes its visible `\uXXXX` escape, the spelling `--output json`
 * uses for the same character, so what the endpoint sent can still be read (U+FFFD would hide it).
 *
 * @example
 * printable('a\x1b[2Jb') // 'a\\u001b[2Jb'
 * printable('\u202eabc') // '\\u202eabc'
 */
export function printable(text: string): string {
  return text.replace(CONTROL, escaped);
}

/**
 * JSON text (from `JSON.stringify`) made safe to print the same way: the characters JSON leaves
 * as they are but a terminal acts on (C1, DEL, Cf such as U+202E or U+200B) become `\uXXXX`,
 * which is still the same JSON value.
 *
 * @example
 * printableJson(JSON.stringify({ name: '\u202eabc' })) // '{"name":"\\u202eabc"}'
 */
export function printableJson(json: string): string {
  return json.replace(INVISIBLE_IN_JSON, escaped);
}
