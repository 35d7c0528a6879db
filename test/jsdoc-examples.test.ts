import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkExamples, exampleFiles } from './test-utils/jsdoc-examples.js';

/*
 * Every `@example` in src/ (tests and test helpers aside) is typechecked by the TypeScript compiler
 * in the scope of its own file, so an example that names a function wrongly, passes it the wrong
 * arguments or reads a property its result does not have fails here, at its file:line. The
 * convention (test/test-utils/jsdoc-examples.ts): names nobody defines are the reader's inputs.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IP_ALLOW = 'src/server/ops/ip-allow.ts';
const CIDR = 'src/server/vocabulary/cidr.ts';

/** `file` with one line of its examples changed, checked alone. */
function withExampleLine(from: string, to: string, file = IP_ALLOW): ReturnType<typeof checkExamples> {
  const text = readFileSync(`${ROOT}/${file}`, 'utf8');
  expect(text).toContain(from);
  return checkExamples(ROOT, [file], new Map([[file, text.replace(from, to)]]));
}

describe('the JSDoc @examples', () => {
  it('all compile, each in the scope of its file', () => {
    const { checked, errors } = checkExamples(ROOT, exampleFiles(ROOT));
    expect(errors.map((e) => `${e.at} ${e.message}`)).toEqual([]);
    // src/ has about 470 examples; fewer found means the extraction broke, not that they all pass.
    expect(checked).toBeGreaterThan(450);
  }, 180_000);

  it('fail at the broken line: a misspelt function, a wrong argument, a property its result lacks', () => {
    expect(withExampleLine(" * parseCidr('10.0.0.0/33') // null", " * parseCider('10.0.0.0/33') // null", CIDR).errors).toEqual([
      { at: `${CIDR}:15`, message: expect.stringContaining("Cannot find name 'parseCider'. Did you mean 'parseCidr'?") },
    ]);
    expect(withExampleLine(" * const allowed = createIpAllow(['10.0.0.0/8']);", " * const allowed = createIpAllow('10.0.0.0/8');").errors).toEqual([
      { at: `${IP_ALLOW}:11`, message: expect.stringContaining("'string' is not assignable to parameter of type 'readonly string[]'") },
    ]);
    expect(withExampleLine(" * parseCidr('10.0.0.0/33') // null", " * parseCidr('10.0.0.0/33')?.bits // null", CIDR).errors).toEqual([
      { at: `${CIDR}:15`, message: expect.stringContaining("Property 'bits' does not exist") },
    ]);
  }, 120_000);

  it("check an application's import against the package's entry", () => {
    const { errors } = withExampleLine(" * const allowed = createIpAllow(['10.0.0.0/8']);", " * import { createIpAllow } from 'custlink/server';\n * const allowed = createIpAllow(['10.0.0.0/8']);");
    expect(errors).toEqual([{ at: `${IP_ALLOW}:11`, message: "'custlink/server' does not export createIpAllow" }]);
  }, 120_000);
});
