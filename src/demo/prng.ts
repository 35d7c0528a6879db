/**
 * Deterministic randomness for the demo data. Every row draws from its own stream, seeded from
 * (seed, row index), so row i is the same whether the database holds 1,000 rows or 1,000,000:
 * growing the demo never changes a customer an operator has already looked up.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: 32-bit state, fast and good enough for fake customers (not for keys).
 *
 * @example
 * const rng = createRng(42);
 * rng() // 0.6011037519201636, on every run
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The stream for one row: the seed and index are mixed (murmur3's finaliser) so neighbouring rows
 * do not start from neighbouring states.
 *
 * @example
 * rowRng(7, 0)() === rowRng(7, 0)() // true
 */
export function rowRng(seed: number, index: number): Rng {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ (index >>> 0) ^ Math.floor(index / 4294967296)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return createRng((h ^ (h >>> 16)) >>> 0);
}

/**
 * A whole number in [min, max], both included.
 *
 * @example
 * intBetween(createRng(1), 1, 6) // a die roll
 */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A table for `pick`: the items and their running totals, built once. */
export interface Weighted<T> {
  items: readonly T[];
  cumulative: Float64Array;
  total: number;
}

/**
 * Prepares `[item, weight]` pairs for repeated weighted draws.
 *
 * @example
 * const nations = weighted([['korea', 94], ['japan', 6]]);
 */
export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const cumulative = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { items: pairs.map(([item]) => item), cumulative, total };
}

/**
 * One item, drawn with probability proportional to its weight (binary search: the name tables
 * have hundreds of entries and a million rows draw from them several times each).
 *
 * @example
 * pick(createRng(1), weighted([['korea', 94], ['japan', 6]])) // 'korea' most of the time
 */
export function pick<T>(rng: Rng, table: Weighted<T>): T {
  const target = rng() * table.total;
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((table.cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo] as T;
}
