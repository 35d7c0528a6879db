import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { ImportInputError } from './identifiers.js';
import { Utf8Checker } from './utf8.js';

/** What `--encoding` accepts; `euc-kr` is read as CP949, which Excel writes and which contains it. */
export type EncodingOption = 'auto' | 'utf-8' | 'cp949' | 'euc-kr';
/** The encodings a file is actually read as. */
export type FileEncoding = 'utf-8' | 'cp949';

const ENCODINGS: readonly EncodingOption[] = ['auto', 'utf-8', 'cp949', 'euc-kr'];

/**
 * Checks an `--encoding` value.
 *
 * @example
 * checkEncoding('EUC-KR') // 'euc-kr'
 */
export function checkEncoding(value: string): EncodingOption {
  const lower = value.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (!(ENCODINGS as readonly string[]).includes(lower)) {
    throw new ImportInputError(`--encoding must be ${ENCODINGS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return lower as EncodingOption;
}

/**
 * The encoding to read a file as. `auto`: a file with a UTF-8 BOM or without invalid UTF-8 is
 * UTF-8; otherwise it is read as CP949 (what Excel saves as "CSV" in Korea), unless CP949 leaves
 * more lines undecodable than UTF-8 does (a UTF-8 file with a few damaged bytes stays UTF-8, its
 * damaged lines rejected, rather than turning every Korean character into the wrong one).
 *
 * @example
 * await resolveEncoding('excel.csv', 'auto') // 'cp949'
 */
export async function resolveEncoding(file: string, option: EncodingOption): Promise<FileEncoding> {
  if (option === 'utf-8') return 'utf-8';
  if (option === 'cp949' || option === 'euc-kr') return 'cp949';
  let utf8Bad = 0;
  let first = true;
  const checker = new Utf8Checker(() => utf8Bad++);
  let read = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 'utf-8';
    first = false;
    checker.check(chunk, read);
    read += chunk.length;
  }
  checker.end();
  if (utf8Bad === 0) return 'utf-8';
  return (await cp949BadLines(file)) <= utf8Bad ? 'cp949' : 'utf-8';
}

/** Lines holding a byte sequence CP949 cannot decode (iconv-lite decodes it as U+FFFD). */
async function cp949BadLines(file: string): Promise<number> {
  let bad = 0;
  let lineBad = false;
  const decoder = iconv.getDecoder('cp949');
  const count = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd && !lineBad) {
        lineBad = true;
        bad++;
      } else if (c === 10) lineBad = false;
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) count(decoder.write(chunk));
  count(decoder.end() ?? '');
  return bad;
}

/**
 * Writes `file` (CP949) to `dest` as UTF-8, streaming: a character split between two reads is
 * decoded whole. Line breaks map one to one, so line numbers stay those of the original file.
 * A byte sequence CP949 does not define becomes U+FFFD, which the reader rejects.
 *
 * @example
 * await transcodeToUtf8('excel.csv', '/tmp/custlink-import/excel.utf8.csv');
 */
export async function transcodeToUtf8(file: string, dest: string): Promise<void> {
  await pipeline(
    createReadStream(file, { highWaterMark: 64 * 1024 }),
    iconv.decodeStream('cp949'),
    iconv.encodeStream('utf-8'),
    createWriteStream(dest, { mode: 0o600 }),
  );
}
