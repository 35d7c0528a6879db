/** How a lookup item's value is brought to the form the source stores, before it is checked. */
export type NormalizeSpec = 'trim' | 'lower' | 'digits' | 'phone-kr';

/** The names the config accepts, for its schema and messages. */
export const NORMALIZE_SPECS: readonly NormalizeSpec[] = ['trim', 'lower', 'digits', 'phone-kr'];

const NON_DIGITS = /\D+/g;

/**
 * The normaliser for a spec: `trim` drops surrounding white space, `lower` also lower-cases (for
 * e-mail addresses), `digits` keeps only the digits, and `phone-kr` keeps the digits of a Korean
 * number and writes an international `+82` prefix as the domestic `0` (`+82 10-1234-5678` →
 * `01012345678`), since agents and customers write numbers every way and the database one way.
 *
 * @example
 * compileNormalize('phone-kr')('+82 10-1234-5678') // '01012345678'
 * compileNormalize('digits')('010-1234-5678')      // '01012345678'
 * compileNormalize(undefined)                      // undefined
 */
export function compileNormalize(spec: NormalizeSpec | undefined): ((value: string) => string) | undefined {
  switch (spec) {
    case undefined:
      return undefined;
    case 'trim':
      return (value) => value.trim();
    case 'lower':
      return (value) => value.trim().toLowerCase();
    case 'digits':
      return (value) => value.replace(NON_DIGITS, '');
    case 'phone-kr':
      return phoneKr;
  }
}

function phoneKr(value: string): string {
  const digits = value.replace(NON_DIGITS, '');
  // 82 + a national number without its leading 0 (10-1234-5678, 2-123-4567): 8 to 10 digits.
  // A domestic number starts with 0 or 1, never 8, so the prefix cannot be mistaken.
  if (digits.startsWith('82') && digits.length >= 10 && digits.length <= 12) return `0${digits.slice(2)}`;
  if (digits.startsWith('0082') && digits.length >= 12 && digits.length <= 14) return `0${digits.slice(4)}`;
  return digits;
}
