import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The rules that fire on `file` with `text` appended, as `npm run lint` would report them. */
async function rulesFiring(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${readFileSync(`${ROOT}/${file}`, 'utf8')}\n${text}\n`, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message.split(':')[0]}`);
}

describe('npm run lint', () => {
  it('refuses an import from a higher floor of the server', async () => {
    expect(await rulesFiring('src/server/config/constants.ts', "export { compileNormalize } from '../pipeline/normalize.js';")).toEqual([
      "no-restricted-imports: '../pipeline/normalize.js' import is restricted from being used by a pattern. src/server/config/ must not import src/server/replay/, src/server/routing/, src/server/catalog/, src/server/ops/, src/server/cache/, src/server/audit/, src/server/openapi/, src/server/pipeline/, src/server/sources/, src/server/endpoint-types.ts, src/server/api/, src/server/endpoint.ts, src/server/transport/, src/server/cluster/, src/server/adapters/, src/server/index.ts",
    ]);
  });

  it('refuses an import from the same floor, and lets the vocabulary import the types under it', async () => {
    expect(await rulesFiring('src/server/cache/index.ts', "export type { AuditSink } from '../audit/sink.js';")).toHaveLength(1);
    expect(await rulesFiring('src/server/vocabulary/refusals.ts', "export type { Row } from '../types.js';")).toEqual([]);
  });

  it('refuses an import cycle, a dynamic import included', async () => {
    // constants.ts is imported by the schema, which the starter imports.
    expect(await rulesFiring('src/server/config/constants.ts', "export const starter = () => import('./starter.js');")).toEqual([
      expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/),
    ]);
  });

  it('passes the files as they are', async () => {
    expect(await rulesFiring('src/server/config/constants.ts', '')).toEqual([]);
  });
});
