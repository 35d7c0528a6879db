import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoConfigYaml } from '../../src/demo/files.js';
import { httpSourceBlock } from '../http-upstream.js';
import { sqlSourceBlock } from '../sql-source.js';
import { DIR, KEY, ROWS, SOURCE } from './knobs.js';
import { signedLookups } from './signed.js';

const SOURCE_BLOCK = /^source:\n[\s\S]*?(?=^result:)/m;
/** Lookups whose answers must be the same from custlink and Fastify before anything is measured. */
const SAME_ANSWERS = 20;

/**
 * custlink's config for the run: the demo's, its source swapped for BENCH_SOURCE's (the same
 * customers copied into PostgreSQL/MariaDB, or the HTTP upstream at `upstreamUrl`).
 *
 * @example
 * const config = await writeConfig('data/bench/demo.sqlite', 1_000_000, undefined);
 */
export async function writeConfig(database: string, rows: number, upstreamUrl: string | undefined): Promise<string> {
  const config = join(DIR, 'custlink.bench.yaml');
  let yaml = demoConfigYaml({ host: '127.0.0.1', port: 0 });
  if (upstreamUrl !== undefined) yaml = yaml.replace(SOURCE_BLOCK, httpSourceBlock(upstreamUrl));
  else if (SOURCE === 'postgres' || SOURCE === 'mysql') yaml = yaml.replace(SOURCE_BLOCK, await sqlSourceBlock(SOURCE, database, rows));
  writeFileSync(config, yaml);
  return config;
}

/**
 * The same config with a memory cache (agents reopen tickets within seconds; the bench's 2,000
 * customers repeat every fraction of a second, so nearly every lookup is a hit) and one log line
 * per warning instead of per request: what docs/scaling.md recommends under heavy load.
 *
 * @example
 * const tuned = tunedConfig('data/bench/custlink.bench.yaml'); // data/bench/custlink.tuned.yaml
 */
export function tunedConfig(config: string): string {
  const tuned = config.replace(/\.bench\.yaml$/, '.tuned.yaml');
  const yaml = readFileSync(config, 'utf8').replace(/^log:.*$/m, 'log: { level: warn }');
  writeFileSync(tuned, `${yaml}\ncache: { store: memory, ttlMs: 5000, maxEntries: 10000 }\n`);
  return tuned;
}

/**
 * custlink's answers to a few real customers, after checking that the Fastify endpoint gives
 * the very same bytes: the comparison only holds if both do the same work.
 *
 * @example
 * const [sample] = await sameAnswers(custlink.url, fastify.url);
 */
export async function sameAnswers(custlinkUrl: string, fastifyUrl: string): Promise<string[]> {
  const lookups = signedLookups({ size: SAME_ANSWERS, rows: ROWS, key: KEY });
  const answer = async (url: string, { body, headers }: (typeof lookups)[number]) => {
    const res = await fetch(url, { method: 'POST', body, headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status} to a real customer: ${text}`);
    return text;
  };
  const ours = await Promise.all(lookups.map((l) => answer(custlinkUrl, l)));
  const theirs = await Promise.all(lookups.map((l) => answer(fastifyUrl, l)));
  const differs = ours.findIndex((text, i) => text !== theirs[i]);
  if (differs >= 0) throw new Error(`the Fastify endpoint answers differently from custlink:\n  ${theirs[differs]}\n  ${ours[differs]}`);
  return ours;
}
