import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/server/config/parse.js';
import { excelCsv, readmeShellBlocks, ROOT, runBlock } from './test-utils/readme.js';

/*
 * README's "Your own endpoint", followed as written by a newcomer: its shell block runs in bash
 * in an empty directory holding only a customers.csv saved by Excel in Korea (CP949, CRLF, a
 * quoted field with a comma, phones with dashes), with `custlink` on PATH (this checkout's built
 * CLI). Its last line, `custlink serve`, runs in the background on a free port; the helpdesk's
 * signed call with a dashed phone must then get a 200. test/readme-blocks.test.ts runs every
 * other shell block; this one tries the variants the text around it describes.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = /## Your own endpoint\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '';
const BLOCK = readmeShellBlocks('README.md').find((b) => b.id === 'README.md › Your own endpoint')?.code ?? '';

const work = mkdtempSync(join(tmpdir(), 'custlink-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Walk {
  dir: string;
  /** What the block printed: import, init, serve --check, then serve's own lines. */
  output: string;
  call: { code: number; stdout: string; stderr: string };
}

/**
 * Runs `block` in a new directory holding `csv`; while its `custlink serve` runs, calls the
 * endpoint as the helpdesk does with `items` and the key the block kept in custlink.key (a second
 * terminal). Rejects with the output if the block fails.
 */
async function walk(block: string, csv: Buffer, items: string[]): Promise<Walk> {
  const dir = mkdtempSync(join(work, 'walk-'));
  writeFileSync(join(dir, 'customers.csv'), csv);
  const whileUp = `custlink call "$URL" --key "$(cat custlink.key)" --output json ${items.join(' ')} >.call.out 2>.call.err && echo 0 >.call.code || echo $? >.call.code`;
  const { code, output } = await runBlock(block, { dir, whileUp, timeoutMs: 50_000 });
  if (code !== 0) throw new Error(`the README's block exited ${code}:\n${output}`);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { dir, output, call: { code: Number(read('.call.code')), stdout: read('.call.out'), stderr: read('.call.err') } };
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
    expect(BLOCK.trimEnd().split('\n').at(-1), 'it ends by starting the endpoint').toMatch(/^custlink serve --config custlink\.yaml\s*$/);
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
      /exited 2:\n.*column "phone" is not in the header \(이름, 회원번호, 전화번호, 주소\)/,
    );
  }, 60_000);
});
