/**
 * `custlink import` throughput: a deterministic 1,000,000-row, 8-column CSV (Korean names,
 * quoted fields with commas and doubled quotes) into a fresh SQLite file, through the same
 * `importCsv` the CLI calls: without indexes, with `--index phone,email` (the rows/s then
 * include building them).
 * Target: >= 200,000 rows/s end to end (read, parse, insert, commit).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { importCsv } from '../src/import/import-csv.js';

const ROWS = 1_000_000;
const TARGET = 200_000;
const DIR = fileURLToPath(new URL('../data/bench/', import.meta.url));
const CSV = `${DIR}customers-1m.csv`;

/** Writes the CSV once; later runs reuse it (data/ is gitignored). */
async function generate(): Promise<void> {
  if (existsSync(CSV)) return;
  mkdirSync(DIR, { recursive: true });
  const partial = `${CSV}.partial`;
  const out = createWriteStream(partial);
  const family = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
  const given = ['민준', '서연', '도윤', '하은', '지호', '수아', '예준', '지민'];
  const cities = ['서울', '부산', '인천', '대구', '광주', '대전', '울산', '세종'];
  const grades = ['gold', 'silver', 'bronze'];
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let buf = 'id,name,phone,email,grade,city,joined,memo\n';
  for (let i = 1; i <= ROWS; i++) {
    const r = next();
    const memo = r % 10 === 0 ? '"VIP, 우선 응대"' : r % 10 === 1 ? '"said ""call me back"""' : '';
    const month = String(1 + ((r >>> 12) % 12)).padStart(2, '0');
    const day = String(1 + ((r >>> 16) % 28)).padStart(2, '0');
    buf += `${i},${family[r % 10]}${given[(r >>> 4) % 8]},010${String(10_000_000 + (r % 90_000_000)).slice(0, 8)},user${i}@example.com,${grades[r % 3]},${cities[(r >>> 8) % 8]},2024-${month}-${day},${memo}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  renameSync(partial, CSV);
}

async function measure(index: string[]): Promise<number> {
  const db = `${DIR}import.sqlite`;
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const before = process.cpuUsage();
  const result = await importCsv({ file: CSV, db, index });
  const used = process.cpuUsage(before);
  const rate = Math.round(result.rows / result.seconds);
  console.log(
    `${index.length > 0 ? `--index ${index.join(',')}` : 'no index'.padEnd(19)}: ${result.rows} rows (${result.rejected} rejected) in ${result.seconds.toFixed(2)} s = ${rate} rows/s` +
      `  (${rate >= TARGET ? 'meets' : 'MISSES'} the ${TARGET} rows/s target: ${(rate / TARGET).toFixed(2)}x)` +
      `; CPU ${((used.user + used.system) / 1e6).toFixed(2)} s`,
  );
  rmSync(db, { force: true });
  return rate;
}

/**
 * Runs the import benchmark: without and with indexes.
 *
 * @example
 * await run(); // or: npx tsx bench/index.ts import
 */
export async function run(): Promise<void> {
  await generate();
  console.log(`${CSV}: ${ROWS} rows, 8 columns, ${(statSync(CSV).size / 1e6).toFixed(1)} MB`);
  console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  await measure([]);
  await measure(['phone', 'email']);
  console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}
