import { printable } from './printable.js';

/**
 * Terminal columns a string takes: Hangul, CJK and full-width forms take two, so Korean agent
 * messages line up with ASCII in the same column.
 *
 * @example
 * displayWidth('조회 성공') // 9
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x300 && cp < 0x370)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/**
 * Rows as aligned columns under a header, separated by two spaces; the last column is not padded.
 * Cells hold what an endpoint answered, so each is `printable`: one line, no control characters.
 *
 * @example
 * formatTable(['item', 'value'], [['userName', '홍길동']])
 * // 'item      value\nuserName  홍길동'
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows].map((row) => row.map(printable));
  const widths = header.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - displayWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
