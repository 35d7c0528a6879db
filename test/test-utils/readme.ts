import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { marked, type Tokens } from 'marked';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

/** A fenced block of a README, with the heading it sits under. */
export interface ReadmeBlock {
  /** `README.md › Your own endpoint`, with ` (2)` for the second block (of any language) under that heading. */
  id: string;
  lang: string;
  code: string;
  /** The reason given by `<!-- illustrative: reason -->` on the line before the fence ('' if none given). */
  illustrative?: string;
}

const ILLUSTRATIVE = /^<!--\s*illustrative\b:?\s*(.*?)\s*-->\s*$/;

/**
 * Every fenced code block of a markdown text, in order, named by file and heading.
 *
 * @example
 * readmeBlocks('README.md', readFileSync('README.md', 'utf8')).filter((b) => b.lang === 'sh');
 */
export function readmeBlocks(file: string, markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const seen = new Map<string, number>();
  let heading = '(top)';
  let previous: Tokens.Generic | undefined;
  for (const token of marked.lexer(markdown)) {
    if (token.type === 'heading') heading = (token as Tokens.Heading).text;
    if (token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented') {
      const { lang = '', text } = token as Tokens.Code;
      const base = `${file} › ${heading}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const mark = previous?.type === 'html' ? ILLUSTRATIVE.exec((previous as Tokens.HTML).text.trim()) : null;
      blocks.push({ id: n === 1 ? base : `${base} (${n})`, lang, code: text, ...(mark ? { illustrative: mark[1] } : {}) });
    }
    if (token.type !== 'space') previous = token;
  }
  return blocks;
}

/** The shell blocks (`sh`, `bash`, `shell`) of a README in this checkout. */
export function readmeShellBlocks(file: string): ReadmeBlock[] {
  return readmeBlocks(file, readFileSync(join(ROOT, file), 'utf8')).filter((b) => ['sh', 'bash', 'shell'].includes(b.lang));
}

/** What Excel writes as "CSV" in Korea: CP949 bytes, CRLF, quotes only where a comma needs them. */
export function excelCsv(header: string): Buffer {
  const rows = [header, '김민준,M0001,010-1234-5678,"서울시 강남구, 역삼동"', '홍똠순,M0002,010-9876-5432,부산시'];
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'cp949');
}

/** A directory under `parent` with one `custlink` on PATH: a shim to the built CLI, as `npm install -g` links it. */
function shimDir(parent: string): string {
  const bin = join(parent, 'bin');
  if (!existsSync(bin)) {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
    mkdirSync(bin);
    writeFileSync(join(bin, 'custlink'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'custlink'), 0o755);
  }
  return bin;
}

const PRELUDE = readFileSync(fileURLToPath(new URL('readme-prelude.sh', import.meta.url)), 'utf8');

export interface BlockRun {
  /** Exit code of the block (null if it ran past the timeout and was stopped). */
  code: number | null;
  /** stdout and stderr, interleaved as printed. */
  output: string;
}

export interface RunBlockOptions {
  /** The directory it runs in (its files already there). */
  dir: string;
  env?: NodeJS.ProcessEnv;
  /** Runs while a long-running `custlink` command of the block is up, with its address in $URL. */
  whileUp?: string;
  timeoutMs?: number;
}

/**
 * Runs a README shell block as a reader would paste it, in bash with `-euo pipefail` (a failing
 * step ends it), with `custlink` on PATH and `CUSTLINK_KEY` unset unless `env` gives it.
 *
 * @example
 * const { code, output } = await runBlock('custlink keygen', { dir: mkdtempSync(join(tmpdir(), 'b-')) });
 */
export function runBlock(code: string, options: RunBlockOptions): Promise<BlockRun> {
  const tmp = mkdtempSync(join(options.dir, '.tmp-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CUSTLINK_KEY: undefined,
    ...options.env,
    PATH: `${shimDir(tmp)}:${process.env.PATH ?? ''}`,
    TMPDIR: tmp,
    WHILE_UP: options.whileUp ?? '',
  };
  // Its own process group, so a timeout stops the block and whatever it started.
  const child = spawn('bash', ['-euo', 'pipefail', '-c', `${PRELUDE}\n${code}`], { cwd: options.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (output += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (output += t));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.once('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : exit, output });
    });
  });
}
