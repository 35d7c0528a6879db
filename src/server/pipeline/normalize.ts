/** How a lookup item's value is brought to the form the source stores, before it is checked. */
export type NormalizeSpec = 'trim' | 'lower' | 'digits' | 'phone-kr' | 'phone-kr-dashed';

/** The names the config accepts, for its schema and messages. */
export const NORMALIZE_SPECS: readonly NormalizeSpec[] = ['trim', 'lower', 'digits', 'phone-kr', 'phone-kr-dashed'];

const NON_DIGITS = /\D+/g;

/**
 * The normaliser for a spec: `trim` drops surrounding white space, `lower` also lower-cases (for
 * e-mail addresses), `digits` keeps only the digits, and `phone-kr` keeps the digits of a Korean
 * number and writes an international `+82` prefix as the domestic `0` (`+82 10-1234-5678` →
 * `01012345678`), since agents and customers write numbers every way and the database one way.
 * Full-width digits (`０１０`) count as digits and a `+82 (0)10` trunk `0` is dropped.
 * `phone-kr-dashed` is the same number written the way many CRM tables keep it: `010-1234-5678`,
 * `02-123-4567`, `031-123-4567`, `1588-1234` (a number of no known length stays as digits).
 *
 * @example
 * compileNormalize('phone-kr')('+82 10-1234-5678') // '01012345678'
 * compileNormalize('phone-kr-dashed')('+82 10 1234 5678') // '010-1234-5678'
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
    case 'phone-kr-dashed':
      return (value) => dashKr(phoneKr(value));
  }
}

function phoneKr(value: string): string {
  // NFKC folds full-width digits (０１０, typed on a Korean IME) to ASCII before the digits are kept.
  const digits = value.normalize('NFKC').replace(NON_DIGITS, '');
  // +82 (0)10-... or +82 010-...: the national trunk 0 written after the country code.
  if (digits.startsWith('820') && digits.length >= 11 && digits.length <= 13) return digits.slice(2);
  if (digits.startsWith('00820') && digits.length >= 13 && digits.length <= 15) return digits.slice(4);
  // 82 + a national number without its leading 0 (10-1234-5678, 2-123-4567): 8 to 10 digits.
  // A domestic number starts with 0 or 1, never 8, so the prefix cannot be mistaken.
  if (digits.startsWith('82') && digits.length >= 10 && digits.length <= 12) return `0${digits.slice(2)}`;
  if (digits.startsWith('0082') && digits.length >= 12 && digits.length <= 14) return `0${digits.slice(4)}`;
  return digits;
}

/** Seoul 02, the 4-digit 050x personal numbers, otherwise a 3-digit prefix (010, 031, 070). */
function dashKr(digits: string): string {
  const { length } = digits;
  if (/^1[5-9]/.test(digits) && length === 8) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  if (!digits.startsWith('0')) return digits;
  const prefix = digits.startsWith('02') ? 2 : digits.startsWith('050') && length === 12 ? 4 : 3;
  const rest = length - prefix;
  if (rest !== 7 && rest !== 8) return digits;
  const middle = rest - 4;
  return `${digits.slice(0, prefix)}-${digits.slice(prefix, prefix + middle)}-${digits.slice(prefix + middle)}`;
}
