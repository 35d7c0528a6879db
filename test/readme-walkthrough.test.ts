import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/server/config/parse.js';

/*
 * README's "Your own endpoint", followed as written by a newcomer: its shell block runs in bash
 * in an empty directory holding only a customers.csv saved by Excel in Korea (CP949, CRLF, a
 * quoted field with a comma, phones with dashes), with `custlink` on PATH (this checkout's built
 * CLI). Its last line, `custlink serve`, runs in the background with `--port 0` (tests share the
 * machine's ports); the helpdesk's signed call with a dashed phone must then get a 200.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = /## Your own endpoint\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '';
const BLOCK = /```sh\n([\s\S]*?)```/.exec(SECTION)?.[1] ?? '';

const work = mkdtempSync(join(tmpdir(), 'custlink-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A directory with one `custlink` on PATH: a shim to the built CLI, as `npm install -g` links it. */
function shimDir(): string {
  const bin = join(work, 'bin');
  if (!existsSync(bin)) {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
    mkdirSync(bin);
    writeFileSync(join(bin, 'custlink'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'custlink'), 0o755);
  }
  return bin;
}

/** What Excel writes as "CSV" in Korea: CP949 bytes, CRLF, quotes only where a comma needs them. */
function excelCsv(header: string): Buffer {
  const rows = [header, '김민준,M0001,010-1234-5678,"서울시 강남구, 역삼동"', '홍똠순,M0002,010-9876-5432,부산시'];
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'cp949');
}

interface Walk {
  dir: string;
  /** What the block printed before `serve` listened (import, init, serve --check). */
  output: string;
  call: { code: number; stdout: string; stderr: string };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Walk['call']> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs `block` in bash (`-euo pipefail`: a failing step ends it) in a new directory holding
 * `csv`, with its `custlink serve` line in the background, then calls the endpoint as the
 * helpdesk does with `items` and stops the server. Rejects with the output if the block fails.
 */
async function walk(block: string, csv: Buffer, items: string[]): Promise<Walk> {
  const dir = mkdtempSync(join(work, 'walk-'));
  writeFileSync(join(dir, 'customers.csv'), csv);
  const lines = block.trimEnd().split('\n');
  const serve = lines.findLastIndex((l) => /^custlink serve\b/.test(l) && !l.includes('--check'));
  expect(serve, 'the block ends by starting custlink serve').toBe(lines.length - 1);
  // exec: the bash process becomes the server, so stopping it stops the server.
  const script = [...lines.slice(0, serve), `exec ${lines[serve]!.replace(/\s+#.*$/, '')} --port 0`].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${shimDir()}:${process.env.PATH ?? ''}`, CUSTLINK_KEY: undefined };
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (output += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (output += t));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const found = /listening on (http:\S+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      void exited.then((code) => reject(new Error(`the README's block exited ${code} before serve listened:\n${output}`)));
    });
    // A second terminal: the key the block kept in custlink.key, as the helpdesk's 암호화 키.
    const key = readFileSync(join(dir, 'custlink.key'), 'utf8').trim();
    const call = await run(join(shimDir(), 'custlink'), ['call', url, '--output', 'json', ...items], dir, { ...env, CUSTLINK_KEY: key });
    return { dir, output, call };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** The commands of a shell block, comments dropped. */
const commands = (block: string) => block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);

describe('README.ko.md, beside it', () => {
  const ko = readFileSync(join(ROOT, 'README.ko.md'), 'utf8');
  const section = /## 내 고객 데이터로 서버 만들기\n([\s\S]*?)\n## /.exec(ko)?.[1] ?? '';

  it('gives the same commands as the English walkthrough run below', () => {
    expect(commands(/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '')).toEqual(commands(BLOCK));
  });

  it('has a config example that the endpoint accepts, with 조회항목 and 결과항목 as the starter has them', () => {
    const yaml = /## 설정 예시\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(ko)?.[1] ?? '';
    const config = parseConfig(parse(yaml), { env: { CUSTLINK_KEY: 'bf7769e5321448de88838cdb' } });
    expect(Object.keys(config.apis[0]!.lookup)).toEqual(['callNum']);
    expect(Object.keys(config.apis[0]!.result)).toEqual(['userName', 'id']);
  });
});

describe('README "Your own endpoint", followed as written with an Excel CSV', () => {
  it('has a shell block that imports customers.csv, writes the starter and serves it', () => {
    expect(BLOCK).toMatch(/^custlink import customers\.csv .*--normalize phone=phone-kr/m);
    expect(BLOCK).toMatch(/^custlink init\b/m);
  });

  it('answers 200 for a dashed phone, with the Korean name exact (masked as configured)', async () => {
    const { dir, output, call } = await walk(BLOCK, excelCsv('name,member_id,phone,address'), ['callNum=010-1234-5678']);
    expect(output).toContain('read as CP949');
    expect(output).not.toContain('warning');
    expect(call.code, call.stderr).toBe(0);
    const answer = JSON.parse(call.stdout) as { status: number; data: Record<string, string> };
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ userName: '김*준', id: 'M0001' });
    const db = new Database(join(dir, 'customers.sqlite'), { readonly: true });
    expect(db.prepare('SELECT name, phone, address FROM customers ORDER BY member_id').all()).toEqual([
      { name: '김민준', phone: '01012345678', address: '서울시 강남구, 역삼동' },
      { name: '홍똠순', phone: '01098765432', address: '부산시' },
    ]);
    db.close();
  }, 60_000);

  it('with Korean headers, after the two changes the README gives, answers 200 too', async () => {
    const query = /^ {2}query: "SELECT [^"\n]*전화번호 = :callNum"$/m.exec(SECTION)?.[0];
    expect(query, 'the README gives the query for Korean headers').toBeDefined();
    const importLine = /^custlink import customers\.csv .*$/m.exec(SECTION.slice(SECTION.indexOf(query!) - 600))?.[0];
    expect(importLine, 'and the import line for them').toContain('전화번호=phone-kr');
    const block = BLOCK.replace(/^custlink import .*$/m, importLine!).replace(
      /^custlink init\b.*$/m,
      (init) => `${init}\nQUERY='${query!}' node -e "const fs = require('fs'); fs.writeFileSync('custlink.yaml', fs.readFileSync('custlink.yaml', 'utf8').replace(/^  query: .*$/m, process.env.QUERY))"`,
    );
    const { call } = await walk(block, excelCsv('이름,회원번호,전화번호,주소'), ['callNum=010-9876-5432']);
    expect(call.code, call.stderr).toBe(0);
    expect((JSON.parse(call.stdout) as { data: unknown }).data).toEqual({ userName: '홍*순', id: 'M0002' });
  }, 60_000);

  it('fails where a step fails: without --normalize, serve warns and the dashed phone is 400 NOT_FOUND', async () => {
    const block = BLOCK.replace(' --normalize phone=phone-kr', '');
    const { output, call } = await walk(block, excelCsv('name,member_id,phone,address'), ['callNum=010-1234-5678']);
    expect(output).toMatch(/warning: lookup item callNum \(normalize: phone-kr\): 2 of 2 sampled phone values are not in phone-kr form/);
    expect(call.code).toBe(1);
    expect(JSON.parse(call.stdout)).toMatchObject({ status: 400, error: { code: 'NOT_FOUND' } });
  }, 60_000);

  it('fails where a step fails: Korean headers with the block as is stop at the import, naming the column', async () => {
    await expect(walk(BLOCK, excelCsv('이름,회원번호,전화번호,주소'), ['callNum=010-1234-5678'])).rejects.toThrow(
      /exited 2 before serve listened:\n.*column "phone" is not in the header \(이름, 회원번호, 전화번호, 주소\)/,
    );
  }, 60_000);
});
