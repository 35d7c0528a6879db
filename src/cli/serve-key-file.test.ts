import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configValue, KEY, makeDatabase } from '../server/harness.test.helper.js';
import { runCli } from './test-utils/run-cli.js';
import { serveChild, statuses, waitForStderr, writeConfig } from '../server/cluster/serve-child.test.helper.js';

const NEXT_KEY = '0123456789abcdef01234567';

/*
 * 키 변경 without a restart: the key lives in a file the config names with ${file:...}, so the
 * SIGHUP reload reads the new one. A key in an environment variable cannot change under a
 * running process; this is the way Docker and Kubernetes secrets and systemd credentials arrive.
 */
describe('custlink serve with auth.keys from ${file:...}', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('takes a rotated key from the file on SIGHUP, the old one listed beside it until the next', async () => {
    const keyFile = join(db.dir, 'custlink.key');
    writeFileSync(keyFile, `${KEY}\n`, { mode: 0o600 });
    const file = writeConfig(join(db.dir, 'key-file.yaml'), configValue(db.file, { auth: { keys: ['${file:custlink.key}'] } }));
    const child = await serveChild(file);
    try {
      expect(await statuses(child.url, KEY, 3)).toEqual([200, 200, 200]);
      expect(await statuses(child.url, NEXT_KEY, 2)).toEqual([403, 403]);
      // Step 3 of SECURITY.md's rotation: the new key beside the old one, then a reload.
      writeFileSync(keyFile, `${NEXT_KEY}\n`);
      writeConfig(file, configValue(db.file, { auth: { keys: ['${file:custlink.key}', KEY] } }));
      process.kill(child.pid, 'SIGHUP');
      await waitForStderr(child, /reloaded/);
      expect(await statuses(child.url, NEXT_KEY, 3)).toEqual([200, 200, 200]);
      expect(await statuses(child.url, KEY, 2)).toEqual([200, 200]);
    } finally {
      expect(await child.stop()).toBe(0);
    }
  }, 60_000);

  it('serve --check warns when others than the owner may read or write the key file, and says how to fix it', async () => {
    const keyFile = join(db.dir, 'loose.key');
    writeFileSync(keyFile, `${KEY}\n`);
    const file = writeConfig(join(db.dir, 'loose.yaml'), configValue(db.file, { auth: { keys: ['${file:loose.key}'] } }));
    chmodSync(keyFile, 0o644);
    const loose = await runCli(['serve', '--config', file, '--check']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain(`  warning: ${keyFile} (\${file:...} at auth.keys[0]) can be read or written by others than its owner (mode 644): chmod 600 ${keyFile}\n`);
    expect(loose.stdout).not.toContain(KEY);
    chmodSync(keyFile, 0o600);
    const tight = await runCli(['serve', '--config', file, '--check']);
    expect(tight.code).toBe(0);
    expect(tight.stdout).not.toContain('chmod');
  });

  it('refuses a ${file:...} larger than 64 KiB, a device such as /dev/zero too, without reading it all', async () => {
    const file = writeConfig(join(db.dir, 'zero.yaml'), configValue(db.file, { auth: { keys: ['${file:/dev/zero}'] } }));
    const zero = await runCli(['serve', '--config', file, '--check']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('auth.keys[0]: /dev/zero is larger than 64 KiB, the limit for ${file:...} (a key or a password)');
    const big = join(db.dir, 'big.key');
    writeFileSync(big, 'k'.repeat(64 * 1024 + 1), { mode: 0o600 });
    writeConfig(file, configValue(db.file, { auth: { keys: ['${file:big.key}'] } }));
    const large = await runCli(['serve', '--config', file, '--check']);
    expect(large.code).toBe(2);
    expect(large.stderr).toContain(`auth.keys[0]: ${big} is larger than 64 KiB`);
    expect(large.stderr).not.toContain('kkkk');
  });
});
