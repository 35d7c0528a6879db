/**
 * `custlink audit verify`: walks every writer's chain of 접속기록 files in day order and reports
 * where it was changed, cut or reordered (위·변조), by file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS, parseAuditFileName, readLine, type AuditRecord } from './format.js';

/** What a finding says happened. */
type FindingKind = 'changed' | 'removed' | 'reordered' | 'torn' | 'missing-file' | 'cut-off' | 'damaged' | 'unreadable' | 'history-start';

/** One thing verify found: `tamper` ones fail (exit 1), `warning` ones do not, `unreadable` exits 2. */
export interface Finding {
  kind: FindingKind;
  severity: 'tamper' | 'warning' | 'unreadable';
  writer: string;
  file: string;
  /** 1-based line number in `file`, when the finding is about a line. */
  line?: number;
  message: string;
}

/** The result of verifying a directory. */
export interface VerifyResult {
  dir: string;
  writers: { writer: string; files: string[]; lines: number }[];
  findings: Finding[];
  /** 0 clean (or only warnings such as a torn tail), 1 tampered, 2 unreadable. */
  exitCode: 0 | 1 | 2;
}

/** The directory itself could not be read. */
export class AuditDirError extends Error {
  override name = 'AuditDirError';
  constructor(message: string, readonly code: 'AUDIT_DIR_UNREADABLE') {
    super(message);
  }
}

/**
 * The audit files in `dir`, grouped by writer, each writer's files in day order.
 *
 * @example
 * listAuditFiles('/var/lib/custlink/audit') // Map { 'crm1-w1' => ['audit-2026-11-01.crm1-w1.jsonl', ...] }
 */
export function listAuditFiles(dir: string): Map<string, { file: string; day: string }[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new AuditDirError(`cannot read the audit directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'AUDIT_DIR_UNREADABLE');
  }
  const byWriter = new Map<string, { file: string; day: string }[]>();
  for (const name of names) {
    const parsed = parseAuditFileName(name);
    if (!parsed) continue;
    const list = byWriter.get(parsed.writer) ?? [];
    list.push({ file: name, day: parsed.day });
    byWriter.set(parsed.writer, list);
  }
  for (const list of byWriter.values()) list.sort((a, b) => a.day.localeCompare(b.day));
  return new Map([...byWriter.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The lines of a file without their newlines; a final newline does not make an empty line. */
function fileLines(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** `seq` and `hash` of a line whose own hash failed, so the walk can go on past it. */
function claimed(line: string): { seq?: number; hash?: string; type?: string } {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    return {
      seq: typeof v.seq === 'number' ? v.seq : undefined,
      hash: typeof v.hash === 'string' ? v.hash : undefined,
      type: typeof v.type === 'string' ? v.type : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Verifies every writer's chain in `dir`. Throws `AuditDirError` when `dir` cannot be read.
 *
 * @example
 * const result = verifyAuditDir('/var/lib/custlink/audit');
 * if (result.exitCode === 1) console.log(result.findings);
 */
export function verifyAuditDir(dir: string): VerifyResult {
  const findings: Finding[] = [];
  const writers: VerifyResult['writers'] = [];
  for (const [writer, files] of listAuditFiles(dir)) {
    const names = files.map((f) => f.file);
    writers.push({ writer, files: names, lines: verifyWriter(dir, writer, names, findings) });
  }
  const exitCode = findings.some((f) => f.severity === 'unreadable') ? 2 : findings.some((f) => f.severity === 'tamper') ? 1 : 0;
  return { dir, writers, findings, exitCode };
}

function verifyWriter(dir: string, writer: string, files: string[], findings: Finding[]): number {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let total = 0;
  // Set when the previous file's tail or a whole file is known missing: the next chain break is
  // that finding's consequence, not a second one.
  let excused = false;
  for (const [fileIndex, file] of files.entries()) {
    const newest = fileIndex === files.length - 1;
    const add = (kind: FindingKind, severity: Finding['severity'], message: string, line?: number): void => {
      findings.push({ kind, severity, writer, file, ...(line === undefined ? {} : { line }), message });
    };
    let lines: string[];
    try {
      lines = fileLines(join(dir, file));
    } catch (error) {
      add('unreadable', 'unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      excused = true;
      continue;
    }
    total += lines.length;
    const seqs = lines.map((l) => claimed(l).seq);
    const reorderedLines = new Set<number>();
    let openHash: string | undefined;
    let last: AuditRecord | undefined;
    let lookups = 0;
    for (const [index, text] of lines.entries()) {
      const lineNo = index + 1;
      const read = readLine(text);
      if (!read.ok) {
        if (read.reason === 'not-json' && newest && index === lines.length - 1) {
          add('torn', 'warning', 'torn last line (a write cut short by a crash or power loss), not 위·변조', lineNo);
          continue;
        }
        const c = claimed(text);
        if (read.reason === 'hash-mismatch') add('changed', 'tamper', `record changed after it was written (its hash does not match its text; seq ${c.seq ?? '?'})`, lineNo);
        else add('damaged', 'tamper', `line is not a valid 접속기록 line (${read.reason})`, lineNo);
        if (c.seq !== undefined && c.hash !== undefined) {
          expectedSeq = c.seq + 1;
          prevHash = c.hash;
        }
        last = undefined;
        if (c.type === 'lookup') lookups += 1;
        continue;
      }
      const { record, hash } = read;
      if (index === 0) {
        if (record.type !== 'open') {
          add('removed', 'tamper', `file does not start with its open line (found a ${record.type} line, seq ${record.seq})`, lineNo);
        } else {
          openHash = hash;
          const expectedPrevFile = fileIndex === 0 ? null : (files[fileIndex - 1] as string);
          if (record.file !== file) add('changed', 'tamper', `open line names file ${record.file}, not this file (renamed?)`, lineNo);
          if (record.prevFile !== expectedPrevFile) {
            if (record.prevFile !== null && fileIndex === 0) {
              add('history-start', 'warning', `chain starts here: the file before it, ${record.prevFile}, is not in the directory (removed by retention after 보관 기간?)`, lineNo);
              excused = true;
            } else if (record.prevFile !== null && !files.includes(record.prevFile)) {
              add('missing-file', 'tamper', `missing file/day: ${record.prevFile} (named by this file's open line) is not in the directory`, lineNo);
              excused = true;
            } else {
              add('changed', 'tamper', `open line names ${record.prevFile ?? 'no file'} as the file before it, expected ${expectedPrevFile ?? 'none'}`, lineNo);
            }
          }
        }
      }
      if (reorderedLines.has(lineNo)) {
        last = record;
        if (record.type === 'lookup') lookups += 1;
        continue;
      }
      if (record.seq !== expectedSeq || record.prev !== prevHash) {
        if (excused) {
          // Consequence of a finding already made (a missing file or a cut-off tail).
        } else if (record.seq > expectedSeq) {
          const later = seqs.findIndex((s, i) => i > index && s !== undefined && s < record.seq && s >= expectedSeq);
          if (later >= 0) {
            add('reordered', 'tamper', `lines reordered: seq ${record.seq} comes before seq ${seqs[later]} (line ${later + 1})`, lineNo);
            for (let i = index + 1; i < lines.length; i++) {
              const s = seqs[i];
              if (s !== undefined && s < record.seq) reorderedLines.add(i + 1);
            }
          } else {
            const n = record.seq - expectedSeq;
            add('removed', 'tamper', `${n} record${n === 1 ? '' : 's'} removed before this line (seq ${expectedSeq}${n > 1 ? `-${record.seq - 1}` : ''} missing)`, lineNo);
          }
        } else if (record.seq < expectedSeq) {
          add('reordered', 'tamper', `seq ${record.seq} after seq ${expectedSeq - 1}: lines reordered or repeated`, lineNo);
        } else {
          add('changed', 'tamper', `chain broken: prev does not match the hash of the line before (that line was rewritten or replaced)`, lineNo);
        }
      }
      excused = false;
      expectedSeq = record.seq + 1;
      prevHash = hash;
      last = record;
      if (record.type === 'lookup') lookups += 1;
      if (record.type === 'close') {
        if (index !== lines.length - 1) add('changed', 'tamper', 'lines after the close line', lineNo + 1);
        if (record.records !== lookups) {
          const kind = record.records > lookups ? 'cut-off' : 'changed';
          add(kind, 'tamper', `close digest says ${record.records} records, the file holds ${lookups}`, lineNo);
        }
        if (openHash !== undefined && record.first !== openHash) add('changed', 'tamper', 'close digest names another first line than this file\'s open line', lineNo);
      }
    }
    if (!newest && last?.type !== 'close') {
      add('cut-off', 'tamper', `cut-off tail: the file ends at line ${lines.length} without its close line, though the writer went on to ${files[fileIndex + 1]}`, lines.length);
      excused = true;
    }
  }
  return total;
}

/**
 * The verify result as English text with the product's Korean terms.
 *
 * @example
 * io.stdout.write(formatVerifyText(verifyAuditDir(dir)));
 */
export function formatVerifyText(result: VerifyResult): string {
  const out: string[] = [];
  const files = result.writers.reduce((n, w) => n + w.files.length, 0);
  const lines = result.writers.reduce((n, w) => n + w.lines, 0);
  out.push(`접속기록 verify: ${result.dir}: ${result.writers.length} writer(s), ${files} file(s), ${lines} line(s)`);
  for (const f of result.findings) {
    const tag = f.severity === 'tamper' ? 'TAMPERED (위·변조)' : f.severity === 'unreadable' ? 'UNREADABLE' : 'warning';
    out.push(`  ${tag}  ${f.file}${f.line === undefined ? '' : `:${f.line}`}  ${f.kind}: ${f.message}`);
  }
  if (result.exitCode === 0) out.push(result.findings.length === 0 ? 'OK: every chain is intact (위·변조 없음)' : 'OK with warnings: no sign of 위·변조');
  else if (result.exitCode === 1) out.push('FAILED: the 접속기록 were changed, cut or reordered (위·변조 의심); see the lines above');
  else out.push('FAILED: some files could not be read; fix their permissions and run again');
  return out.join('\n') + '\n';
}
