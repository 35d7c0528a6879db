/** Reads audit files the way a verifier does, for the writer's tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS, parseAuditFileName, readLine, type AuditRecord } from './format.js';

export interface Walked {
  files: string[];
  records: AuditRecord[];
  /** Lines that are not valid (torn), by file and 1-based line. */
  torn: { file: string; line: number; text: string }[];
  /** Where a line's prev is not the previous valid line's hash. */
  breaks: { file: string; line: number }[];
}

/** Every line of `writer`'s files in day order, its hashes and prevs checked. */
export function walkChain(dir: string, writer: string): Walked {
  const files = readdirSync(dir)
    .filter((name) => parseAuditFileName(name)?.writer === writer)
    .sort();
  const walked: Walked = { files, records: [], torn: [], breaks: [] };
  let prev = GENESIS;
  let seq = 0;
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((text, i) => {
      const read = readLine(text);
      if (!read.ok) return void walked.torn.push({ file, line: i + 1, text });
      if (read.record.prev !== prev || read.record.seq !== seq + 1) walked.breaks.push({ file, line: i + 1 });
      prev = read.hash;
      seq = read.record.seq;
      walked.records.push(read.record);
    });
  }
  return walked;
}

/** The writer names of the audit files in `dir`. */
export function writersIn(dir: string): string[] {
  return [...new Set(readdirSync(dir).flatMap((name) => parseAuditFileName(name)?.writer ?? []))].sort();
}

/** Every byte under `dir`'s audit files, as one string. */
export function allText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}
