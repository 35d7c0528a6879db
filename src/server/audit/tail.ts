import { closeSync, openSync, readSync } from 'node:fs';
import { readLine, type AuditRecord } from './format.js';

/** What a writer continues from: the end of its newest file as it is on disk. */
export interface FileTail {
  /** The last line whose own hash holds, or `undefined` when the file has none. */
  last: { record: AuditRecord; hash: string } | undefined;
  /** The hash of the file's first line when it is a valid `open` line. */
  first: string | undefined;
  /** `lookup` lines in the file. */
  records: number;
  /** Bytes in the file. */
  size: number;
  /** `false` when the file's last byte is not a newline (a write torn by a crash). */
  endsWithNewline: boolean;
}

const CHUNK = 1 << 20;
const LOOKUP_PREFIX = '{"v":1,"type":"lookup",';
/** The last lines kept while scanning, to find the last valid one behind a torn or edited tail. */
const KEEP = 16;

/**
 * Reads an audit file once, in 1 MiB chunks, for what a restarting writer needs: its last valid
 * line (behind a line torn by a kill -9, which stays for the verifier to report), its first
 * line's hash and its count of lookup lines (the `close` line's digest counts them).
 *
 * @example
 * const tail = readTail('/var/lib/custlink/audit/audit-2026-12-07.crm1.jsonl');
 * tail.last?.hash // the next line's prev
 */
export function readTail(file: string): FileTail {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(CHUNK);
  const decoder = new TextDecoder('utf-8');
  const recent: string[] = [];
  let carry = '';
  let size = 0;
  let records = 0;
  let firstLine: string | undefined;
  let lastByte = -1;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, size);
      if (read === 0) break;
      size += read;
      lastByte = buffer[read - 1]!;
      const lines = (carry + decoder.decode(buffer.subarray(0, read), { stream: true })).split('\n');
      carry = lines.pop()!;
      for (const line of lines) {
        firstLine ??= line;
        if (line.startsWith(LOOKUP_PREFIX)) records++;
        recent.push(line);
        if (recent.length > KEEP) recent.shift();
      }
    }
  } finally {
    closeSync(fd);
  }
  carry += decoder.decode();
  // A complete line whose newline never made it to disk counts; a torn one does not.
  if (carry !== '') {
    firstLine ??= carry;
    if (readLine(carry).ok) {
      if (carry.startsWith(LOOKUP_PREFIX)) records++;
      recent.push(carry);
    }
  }
  let last: FileTail['last'];
  for (let i = recent.length - 1; i >= 0 && last === undefined; i--) {
    const read = readLine(recent[i]!);
    if (read.ok) last = { record: read.record, hash: read.hash };
  }
  const opened = firstLine === undefined ? undefined : readLine(firstLine);
  const first = opened?.ok === true && opened.record.type === 'open' ? opened.hash : undefined;
  return { last, first, records, size, endsWithNewline: size === 0 || lastByte === 0x0a };
}
