import type { MaskSpec } from '../config/types.js';

const STAR = '*';

/**
 * Masks a phone number the way Korean services print one: the first three and last four digits
 * stay, every other digit becomes `*`, separators stay where they are.
 *
 * @example
 * maskPhone('010-1234-5678') // '010-****-5678'
 * maskPhone('01012345678')   // '010****5678'
 */
export function maskPhone(value: string): string {
  let digits = 0;
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) digits++;
  // Short numbers keep less, so that something is always hidden.
  const keepLast = digits >= 8 ? 4 : digits >= 4 ? 2 : 0;
  const keepFirst = digits >= 10 ? 3 : 0;
  let seen = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (!isDigit(value.charCodeAt(i))) {
      out += ch;
      continue;
    }
    seen++;
    out += seen <= keepFirst || seen > digits - keepLast ? ch : STAR;
  }
  return out;
}

/**
 * Masks the local part of an e-mail address: its first two characters stay (one when it is
 * short), the domain stays.
 *
 * @example
 * maskEmail('hong.gildong@example.com') // 'ho**********@example.com'
 * maskEmail('ab@example.com')           // 'a*@example.com'
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskKeep(value, 1, 0);
  // Without surrogates, characters are UTF-16 units: no array of code points to build.
  if (!hasSurrogate(value, at)) {
    const keep = at > 3 ? 2 : at > 1 ? 1 : 0;
    return value.slice(0, keep) + STAR.repeat(at - keep) + value.slice(at);
  }
  const local = [...value.slice(0, at)];
  const keep = local.length > 3 ? 2 : local.length > 1 ? 1 : 0;
  return local.slice(0, keep).join('') + STAR.repeat(local.length - keep) + value.slice(at);
}

/**
 * Masks a name: the first and last characters stay, the ones between become `*` (a two-letter
 * name keeps only the first). Counts characters, not UTF-16 units, so Hangul and emoji are safe.
 *
 * @example
 * maskName('홍길동')   // '홍*동'
 * maskName('남궁민수') // '남**수'
 * maskName('이정')     // '이*'
 */
export function maskName(value: string): string {
  const n = value.length;
  if (!hasSurrogate(value, n)) {
    if (n <= 1) return STAR.repeat(n);
    if (n === 2) return value[0] + STAR;
    let out = value[0]!;
    for (let i = 1; i < n - 1; i++) out += value.charCodeAt(i) === 32 ? ' ' : STAR;
    return out + value[n - 1];
  }
  const chars = [...value];
  if (chars.length <= 1) return STAR.repeat(chars.length);
  if (chars.length === 2) return chars[0] + STAR;
  let out = chars[0]!;
  for (let i = 1; i < chars.length - 1; i++) out += chars[i] === ' ' ? ' ' : STAR;
  return out + chars[chars.length - 1];
}

/**
 * Keeps the first and last characters and stars the rest. A value too short to hide anything
 * that way is starred whole: a mask never gives a value away in full.
 *
 * @example
 * maskKeep('A1234567', 2, 2) // 'A1****67'
 * maskKeep('abc', 2, 2)      // '***'
 */
export function maskKeep(value: string, keepFirst: number, keepLast: number): string {
  if (!hasSurrogate(value, value.length)) {
    const n = value.length;
    if (n <= keepFirst + keepLast) return STAR.repeat(n);
    return value.slice(0, keepFirst) + STAR.repeat(n - keepFirst - keepLast) + value.slice(n - keepLast);
  }
  const chars = [...value];
  const n = chars.length;
  if (n <= keepFirst + keepLast) return STAR.repeat(n);
  return chars.slice(0, keepFirst).join('') + STAR.repeat(n - keepFirst - keepLast) + chars.slice(n - keepLast).join('');
}

/**
 * The masking function for a result item's `mask`, or `undefined` for none. An empty value
 * stays empty.
 *
 * @example
 * compileMask('phone')?.('010-1234-5678') // '010-****-5678'
 */
export function compileMask(spec: MaskSpec | undefined): ((value: string) => string) | undefined {
  if (spec === undefined) return undefined;
  if (spec === 'phone') return maskPhone;
  if (spec === 'email') return maskEmail;
  if (spec === 'name') return maskName;
  const { keepFirst, keepLast } = spec;
  return (value) => maskKeep(value, keepFirst, keepLast);
}

/** Whether the first `end` UTF-16 units hold a surrogate (a character beyond the BMP, or half of one). */
function hasSurrogate(value: string, end: number): boolean {
  for (let i = 0; i < end; i++) if ((value.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
