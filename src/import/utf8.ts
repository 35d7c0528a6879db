import { isUtf8 } from 'node:buffer';

/**
 * Finds invalid UTF-8 in a file read chunk by chunk. csv-parse decodes bytes with replacement
 * characters and says nothing, so the reader checks the raw bytes and rejects the records that
 * hold the reported offsets. Valid chunks (nearly all) cost one native `isUtf8` call.
 */
export class Utf8Checker {
  private pending: Buffer | undefined;
  private pendingAt = 0;

  /**
   * @param report receives the absolute byte offset of each invalid sequence, in order.
   * @example
   * const checker = new Utf8Checker((offset) => bad.push(offset));
   * checker.check(chunk, 0); checker.end();
   */
  constructor(private readonly report: (offset: number) => void) {}

  /**
   * Checks `chunk`, which starts at absolute byte `offset`. A character split across chunks is
   * held back and checked with the next one.
   *
   * @example
   * checker.check(Buffer.from([0xea, 0xb9]), 0); checker.check(Buffer.from([0x80]), 2); // no report
   */
  check(chunk: Buffer, offset: number): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const start = this.pending ? this.pendingAt : offset;
    const cut = incompleteTail(buf);
    const body = cut === buf.length ? buf : buf.subarray(0, cut);
    if (!isUtf8(body)) invalidOffsets(body, start, this.report);
    this.pending = cut === buf.length ? undefined : Buffer.from(buf.subarray(cut));
    this.pendingAt = start + cut;
  }

  /**
   * Reports a character cut off by the end of the file.
   *
   * @example
   * checker.end();
   */
  end(): void {
    if (this.pending) this.report(this.pendingAt);
    this.pending = undefined;
  }
}

/** Where a multi-byte character that the buffer ends in the middle of begins (or the length). */
function incompleteTail(buf: Buffer): number {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return n;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return needed > k ? n - k : n;
  }
  return n;
}

/**
 * Calls `report` with the absolute offset of the first invalid sequence (RFC 3629: no
 * overlongs, no surrogates, nothing above U+10FFFF) on each line of `buf`. One per line is
 * all the reader needs to reject a record, and keeps a file in another encoding (EUC-KR,
 * where every Korean character is invalid) from piling up millions of offsets.
 *
 * @example
 * invalidOffsets(Buffer.from([0x61, 0xff, 0xff]), 100, console.log) // logs 101
 */
export function invalidOffsets(buf: Uint8Array, offset: number, report: (offset: number) => void): void {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) {
      const c = buf[i + k]!;
      ok = k === 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      i += len;
    } else {
      report(offset + i);
      const lineEnd = buf.indexOf(10, i);
      if (lineEnd === -1) return;
      i = lineEnd + 1;
    }
  }
}
