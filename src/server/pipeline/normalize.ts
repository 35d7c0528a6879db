import type { NormalizeSpec } from '../vocabulary/normalize-specs.js';

const NON_DIGITS = /\D+/g;

/**
 * The normaliser for a spec: `trim` drops surrounding white space, `lower` also lower-cases (for
 * e-mail addresses), `digits` keeps only the digits, and `phone-kr` keeps the digits of a Korean
 * number and writes an international `+82` prefix as the domestic `0` (`+82 10-1234-5678` →
 * `01012345678`, full-width digits and a `(0)` trunk prefix included), since agents and customers
 * write numbers every way and the database one way. `phone-kr-dashed` is the same number in its
 * dashed form (`010-1234-5678`, `02-123-4567`, `031-123-4567`), for a database that stores it so.
 *
 * @example
 * compileNormalize('phone-kr')?.('+82 10-1234-5678') // '01012345678'
 * compileNormalize('phone-kr-dashed')?.('+82 10 1234 5678') // '010-1234-5678'
 * compileNormalize('digits')?.('010-1234-5678')      // '01012345678'
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

// Full-width digits (０-９, U+FF10-FF19) and ＋ come from Korean IMEs; \D would drop them as non-digits.
const FULL_WIDTH = /[\uFF0B\uFF10-\uFF19]/g;
// "+82 (0)10-..." writes the domestic trunk 0 beside the country code; it must not stay in the number.
const TRUNK_ZERO = /^\s*(\+|00)\s*82[\s.-]*\(\s*0\s*\)/;

function phoneKr(value: string): string {
  const halfWidth = value.replace(FULL_WIDTH, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digits = halfWidth.replace(TRUNK_ZERO, '+82').replace(NON_DIGITS, '');
  // 82 + a national number without its leading 0 (10-1234-5678, 2-123-4567): 8 to 10 digits.
  // A domestic number starts with 0 or 1, never 8, so the prefix cannot be mistaken.
  if (digits.startsWith('82') && digits.length >= 10 && digits.length <= 12) return `0${digits.slice(2)}`;
  if (digits.startsWith('0082') && digits.length >= 12 && digits.length <= 14) return `0${digits.slice(4)}`;
  return digits;
}

// Seoul's area code is 02 (two digits); other area codes, mobile (010) and 050x/070 are three.
function dashKr(digits: string): string {
  if (!digits.startsWith('0')) return digits;
  const area = digits.startsWith('02') ? 2 : 3;
  const rest = digits.slice(area);
  if (rest.length < 7 || rest.length > 8) return digits;
  const middle = rest.length - 4;
  return `${digits.slice(0, area)}-${rest.slice(0, middle)}-${rest.slice(middle)}`;
}
