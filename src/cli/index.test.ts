import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-utils/run-cli.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('custlink (the command line itself)', () => {
  it.each(['--version', '-v'])('prints the package version for %s', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toMatchObject({ code: 0, stdout: `custlink ${PACKAGE.version}\n` });
  });

  it('shows a command\'s options for custlink help <command>, as --help does', async () => {
    const help = await runCli(['help', 'serve']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: custlink serve');
    expect(help.stdout).toBe((await runCli(['serve', '--help'])).stdout);
    expect((await runCli(['help', 'srve'])).stderr).toContain('did you mean "serve"?');
  });

  it.each([
    [['serv'], 'unknown command "serv" (did you mean "serve"?)'],
    [['inti'], 'did you mean "init"?'],
    [['keygen', '--lenght', '30'], `Unknown option '--lenght' (did you mean "--length"?)`],
    [['serve', '--prot', '8080'], 'did you mean "--port"?'],
    [['init', '--froce'], 'did you mean "--force"?'],
  ])('suggests the closest name for %j', async (argv, hint) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(hint);
  });

  it('suggests nothing for a name far from every command', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('did you mean');
  });
});
