import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configValue, KEY, makeDatabase } from '../server/harness.test.helper.js';
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
});
