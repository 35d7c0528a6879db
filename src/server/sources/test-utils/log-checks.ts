/** Checks on the captured log of an endpoint whose lookup failed. */
import { expect } from 'vitest';

/**
 * Asserts that the log holds exactly one 'source lookup failed' line, its `err` having the
 * `expected` fields (a code, a status) and call frames, and that no line holds the bound `value`
 * or the message text quoting it (`quote`). Answers that line's `err`.
 *
 * @example
 * expectFailureLoggedSafely(s.lines, '01055551234567', 'out of range for type integer', { code: '22003' });
 */
export function expectFailureLoggedSafely(lines: readonly string[], value: string, quote: string, expected: Record<string, unknown>): Record<string, unknown> {
  const failed = lines.map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> }).filter((r) => r.msg === 'source lookup failed');
  expect(failed).toHaveLength(1);
  const err = failed[0]!.err!;
  expect(err).toMatchObject(expected);
  expect(err.stack).toMatch(/^\w+: .*\n\s+at /);
  const log = lines.join('\n');
  expect(log).not.toContain(value);
  expect(log).not.toContain(quote);
  return err;
}
