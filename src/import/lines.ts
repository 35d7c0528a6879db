import { open } from 'node:fs/promises';

/*
 * Physical line numbers, as an editor shows them. csv-parse's own `info.lines` counts a CRLF
 * inside a quoted field as two lines, so the reader counts line feeds itself: LF and CRLF end a
 * line, a lone CR (classic Mac files) does not.
 */

/**
 * How many line breaks the fields of a record hold (quoted fields may span lines).
 *
 * @example
 * lineBreaks(['1', 'two\r\nlines', 'x']) // 1
 */
export function lineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    for (let k = field.indexOf('\n'); k !== -1; k = field.indexOf('\n', k + 1)) n++;
  }
  return n;
}

/**
 * The byte offset just past the `breaks`-th line break at or after byte `from` of the file,
 * or `undefined` when the file ends first. Used once per unreadable record, to resume at the
 * next line, so it reads the file again rather than keeping bytes around.
 *
 * @example
 * await offsetAfterBreaks('customers.csv', 0, 1) // where line 2 starts
 */
export async function offsetAfterBreaks(path: string, from: number, breaks: number): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let position = from;
    let left = breaks;
    if (left <= 0) return from;
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, buf.length, position);
      if (bytesRead === 0) return undefined;
      const view = buf.subarray(0, bytesRead);
      for (let i = view.indexOf(10); i !== -1; i = view.indexOf(10, i + 1)) {
        if (--left === 0) return position + i + 1;
      }
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
}
