import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { POSTGRES_URL, probePostgres, skipUnless } from '../../src/server/sources/test-utils/services.js';
import { formatSoak } from './report.js';
import { runSoak, type SoakOptions } from './run.js';

// Answers the soak expects besides 200: unknown customers, the replay store failing closed
// while Redis restarts, and the lookups in flight when the database ends their sessions.
const EXPECTED_REFUSALS = ['400 NOT_FOUND', '500 REPLAY_STORE_ERROR', '500 SOURCE_ERROR'];

const noRedis = spawnSync('redis-server', ['--version']).error !== undefined;
if (noRedis && process.env.CI === 'true') throw new Error('redis-server is not installed (CI=true: the soak needs it)');
if (noRedis) console.warn('skipping the soak: redis-server is not installed');
const noPostgres = noRedis || (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres));

/** The soak from the source (no build needed), its figures printed, the run handed back. */
async function soak(options: SoakOptions) {
  const result = await runSoak({ build: 'source', ...options });
  console.log(formatSoak(result));
  return result;
}

describe.skipIf(noRedis)('soak: load while the faults hit', () => {
  it('loses no request and never crashes over 20 s of Redis restarts, SIGHUP and a SIGTERM drain (SQLite)', async () => {
    const result = await soak({ seconds: 20, source: 'sqlite' });

    expect(result.crash).toBeUndefined();
    expect(result.tally.lost).toEqual(new Map());
    expect(result.tally.cut).toBe(0);
    expect(result.exit).toEqual({ code: 0, signal: null });
    expect(result.tally.answered.get('200')).toBeGreaterThan(0);
    expect([...result.tally.answered.keys()].filter((k) => k !== '200' && !EXPECTED_REFUSALS.includes(k))).toEqual([]);
    const faults = result.faults.map((f) => f.fault);
    expect(faults).toContain('restart Redis');
    expect(result.faults.filter((f) => f.fault === 'SIGHUP').map((f) => f.outcome)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^reloaded/)]),
    );
    expect(faults.at(-1)).toBe('SIGTERM');
  }, 240_000);

  it.skipIf(noPostgres)('survives its PostgreSQL sessions being terminated under load, losing nothing', async () => {
    const result = await soak({ seconds: 10, source: 'postgres' });

    expect(result.crash).toBeUndefined();
    expect(result.tally.lost).toEqual(new Map());
    expect(result.tally.cut).toBe(0);
    expect(result.faults.filter((f) => f.fault === 'terminate sessions').length).toBeGreaterThan(0);
    expect([...result.tally.answered.keys()].filter((k) => k !== '200' && !EXPECTED_REFUSALS.includes(k))).toEqual([]);
  }, 240_000);
});
