import { closest, distance } from 'fastest-levenshtein';

/**
 * ` (did you mean "serve"?)` for a mistyped name, or `''` when no candidate is close: at most
 * 2 edits (a swapped pair is 2), and at most the typed length less 2, so that a short unrelated
 * word suggests nothing.
 *
 * @example
 * didYouMean('serv', ['serve', 'sign'])   // ' (did you mean "serve"?)'
 * didYouMean('banana', ['serve', 'sign']) // ''
 */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(typed, candidates as string[]);
  const edits = distance(typed, best);
  return edits <= Math.min(2, typed.length - 2) ? ` (did you mean "${best}"?)` : '';
}
