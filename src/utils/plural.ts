/**
 * A count and its noun, singular for exactly one ("1 row", "2 rows", "100,000 customers").
 *
 * @example
 * counted(1, 'row')                // '1 row'
 * counted(100000, 'customer')      // '100,000 customers'
 * counted(2, 'lookup item')        // '2 lookup items'
 */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
