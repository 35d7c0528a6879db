import { describe, expect, it } from 'vitest';
import { signRequest } from '../protocol/sign.js';
import { runCli, spawnCli } from './test-utils/run-cli.js';

const KEY = 'bf7769e5321448de88838cdb';
const GUIDE_BODY = '{ \n  "callNum":"1",\n  "nation":"korea"\n}';
const GUIDE_SIG = 'BXKLWdUA0hvcwpTN48lEDbhomeiRtIVG7yR1RhjCIM0=';

describe('custlink keygen', () => {
  it('prints a key in the helpdesk format, longer on request', async () => {
    const r = await runCli(['keygen']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{24}\n$/);
    expect((await runCli(['keygen', '--length', '64'])).stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const bad = await runCli(['keygen', '--length', '4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('16 to 256');
  });

  it("prints a key's fingerprint from --key or stdin (sha256, first 8 hex), never the key", async () => {
    // printf %s bf7769e5321448de88838cdb | sha256sum | cut -c1-8
    expect(await runCli(['keygen', '--fingerprint', '--key', KEY])).toEqual({ code: 0, stdout: '63d82c4e\n', stderr: '' });
    expect((await runCli(['keygen', '--fingerprint'], `${KEY}\n`)).stdout).toBe('63d82c4e\n');
    const none = await runCli(['keygen', '--fingerprint'], '');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs a key');
  });
});

describe('custlink sign', () => {
  it('signs stdin byte for byte (the guide example)', async () => {
    const r = await runCli(['sign', '--key', KEY, '--timestamp', '1763800000000'], GUIDE_BODY);
    expect(r).toEqual({ code: 0, stdout: GUIDE_SIG + '\n', stderr: '' });
  });

  it('prints header lines with --headers and takes the key from CUSTLINK_KEY', async () => {
    const r = await runCli(['sign', '--timestamp', '1763800000000', '--headers'], GUIDE_BODY, { CUSTLINK_KEY: KEY });
    expect(r.stdout).toBe(`Authorization: ${GUIDE_SIG}\nX-TC-Timestamp: 1763800000000\n`);
  });

  it('signs the uri scheme and defaults the timestamp to now', async () => {
    const r = await runCli(['sign', '--key', KEY, '--scheme', 'uri+body+timestamp', '--uri', '/api', '--headers'], '{}');
    const ts = /X-TC-Timestamp: (\d+)/.exec(r.stdout)?.[1];
    expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(60_000);
    const expected = signRequest({ key: KEY, body: '{}', timestamp: ts, uri: '/api', scheme: 'uri+body+timestamp' });
    expect(r.stdout).toContain(`Authorization: ${expected.authorization}`);
  });

  it('answers usage mistakes with one line and exit 2', async () => {
    for (const argv of [
      ['sign'],
      ['sign', '--key', KEY, '--bogus'],
      ['sign', '--key', KEY, '--scheme', 'md5'],
      ['sign', '--key', KEY, '--scheme', 'uri+body+timestamp'],
      ['sign', '--key', KEY, '--timestamp', 'yesterday'],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('custlink verify', () => {
  const args = ['verify', '--key', KEY, '--timestamp', '1763800000000', '--authorization', GUIDE_SIG];

  it('says valid with the scheme and key number', async () => {
    const r = await runCli([...args, '--now', '1763800000000'], GUIDE_BODY);
    expect(r).toMatchObject({ code: 0, stdout: 'valid (scheme body+timestamp, key #1)\n' });
    const rotated = await runCli(['verify', '--key', 'old0key0old0key0', ...args.slice(1), '--now', '1763800000000'], GUIDE_BODY);
    expect(rotated.stdout).toContain('key #2');
  });

  it('exits 1 with the code and message when it does not verify', async () => {
    const stale = await runCli([...args, '--now', String(1763800000000 + 300_001)], GUIDE_BODY);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^invalid: stale: .*300001 ms old/);
    const tampered = await runCli([...args, '--now', '1763800000000'], GUIDE_BODY.replace('1', '2'));
    expect(tampered).toMatchObject({ code: 1, stdout: expect.stringContaining('bad_signature') });
  });

  it('requires its inputs', async () => {
    const r = await runCli(['verify', '--key', KEY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timestamp is required');
  });
});

describe('custlink', () => {
  it('prints help, and help on every command', async () => {
    const top = await runCli([]);
    expect(top.stdout).toContain('Commands:');
    for (const name of ['keygen', 'sign', 'verify']) {
      expect(top.stdout).toContain(name);
      const r = await runCli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: custlink ${name}`);
    }
  });

  it('refuses an unknown command with exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command');
  });

  it('works as a real process: stdin bytes in, exit codes out', () => {
    const body = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"callNum":"010"}\r\n')]);
    const signed = spawnCli(['sign', '--key', KEY, '--timestamp', '1763800000000'], body);
    expect(signed.code).toBe(0);
    const authorization = signed.stdout.trim();
    expect(authorization).toBe(signRequest({ key: KEY, body, timestamp: 1763800000000 }).authorization);
    const ok = spawnCli(['verify', '--key', KEY, '--timestamp', '1763800000000', '--now', '1763800000000', '--authorization', authorization], body);
    expect(ok.code).toBe(0);
    expect(spawnCli(['sign', '--nope']).code).toBe(2);
  });
});
