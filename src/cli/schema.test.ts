import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configJsonSchema } from '../server/config/json-schema.js';
import { runCli } from './test-utils/run-cli.js';

describe('custlink schema', () => {
  it('prints the JSON Schema of custlink.yaml', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(printed).toEqual(configJsonSchema());
    expect(printed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('custlink init: the $schema line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-schema-ref-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const firstLine = (file: string) => readFileSync(file, 'utf8').split('\n')[0];

  it('points to the custlink installed in the project, relative to the config file', async () => {
    const project = join(dir, 'project');
    const pkg = join(project, 'node_modules', 'custlink');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    mkdirSync(join(project, 'config'));
    const { exports } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: unknown };
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'custlink', type: 'module', exports }));
    writeFileSync(join(pkg, 'dist', 'schema.json'), '{}');
    expect((await runCli(['init', '--out', join(project, 'custlink.yaml')])).code).toBe(0);
    expect(firstLine(join(project, 'custlink.yaml'))).toBe('# yaml-language-server: $schema=./node_modules/custlink/dist/schema.json');
    expect((await runCli(['init', '--out', join(project, 'config', 'custlink.yaml')])).code).toBe(0);
    expect(firstLine(join(project, 'config', 'custlink.yaml'))).toBe('# yaml-language-server: $schema=../node_modules/custlink/dist/schema.json');
  });

  it("points to this version's schema on unpkg when custlink is not installed there", async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const out = join(dir, 'custlink.yaml');
    expect((await runCli(['init', '--out', out])).code).toBe(0);
    expect(firstLine(out)).toBe(`# yaml-language-server: $schema=https://unpkg.com/custlink@${version}/dist/schema.json`);
  });
});
