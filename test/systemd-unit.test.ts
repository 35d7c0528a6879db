import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * deploy/custlink.service as systemd reads it: `systemd-analyze verify` names an unknown or
 * misspelt directive, a bad value, a section it does not know. It also checks that ExecStart's
 * binary exists, which /opt/custlink's does not here, so a copy points at this node instead;
 * every other line is verified as shipped.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UNIT = readFileSync(join(ROOT, 'deploy', 'custlink.service'), 'utf8');
const INSTALLED_BIN = '/opt/custlink/node_modules/.bin/custlink';

/** The fenced blocks of a markdown file in a given language. */
function blocks(markdown: string, lang: RegExp): string[] {
  return [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((m) => lang.test(m[1]!)).map((m) => m[2]!);
}

describe('deploy/custlink.service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function verify(unit: string): string {
    const file = join(dir, 'custlink.service');
    writeFileSync(file, unit);
    const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(run.error, 'systemd-analyze (Debian package systemd) must be installed').toBeUndefined();
    return `${run.stdout}${run.stderr}`.trim();
  }

  it('passes systemd-analyze verify with no message, and a bad directive would not', () => {
    expect(UNIT).toContain(`ExecStart=${INSTALLED_BIN} serve `);
    const here = UNIT.replace(`ExecStart=${INSTALLED_BIN} `, `ExecStart=${process.execPath} `);
    expect(verify(here)).toBe('');
    // The check itself: a misspelt directive is reported.
    expect(verify(here.replace('ProtectHome=yes', 'ProtectHomme=yes'))).toMatch(/Unknown key 'ProtectHomme'/);
  });

  it('is hardened, reloads with SIGHUP and takes the key as a credential', () => {
    const lines = UNIT.split('\n');
    for (const line of ['DynamicUser=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes', 'NoNewPrivileges=yes', 'StateDirectory=custlink',
      'LoadCredential=custlink.key:/etc/custlink/custlink.key', 'ExecReload=/bin/kill -HUP $MAINPID', 'Restart=on-failure']) {
      expect(lines).toContain(line);
    }
  });

  it('has no comment at the end of a line (systemd passes it on: ExecReload would give kill a "#")', () => {
    expect(UNIT.split('\n').filter((line) => !line.startsWith('#') && line.includes('#'))).toEqual([]);
  });

  it('is what the docs show, and no unit block in the docs has an end-of-line comment', () => {
    const readme = readFileSync(join(ROOT, 'src', 'server', 'README.md'), 'utf8');
    const units = blocks(readme, /^(ini|systemd)$/);
    expect(units).toContain(UNIT);
    for (const doc of ['README.md', 'README.ko.md', 'src/server/README.md', 'docs/scaling.md']) {
      for (const block of blocks(readFileSync(join(ROOT, doc), 'utf8'), /^(ini|systemd)$/)) {
        const trailing = block.split('\n').filter((line) => /^\s*[A-Za-z]+=.*\s#/.test(line));
        expect(trailing, doc).toEqual([]);
      }
    }
  });
});
