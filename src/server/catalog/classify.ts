/** What a column holds, as far as `custlink init --from-db` can tell from its name and values. */
export type ColumnKind = 'phone' | 'email' | 'name' | 'member-id' | 'rrn' | 'other';

/** How a phone column stores its numbers, as the lookup item's `normalize` to match it. */
export type PhoneForm = 'phone-kr' | 'phone-kr-dashed';

// Names are split into tokens (mem_no, memNo, MEM-NO → mem, no) so that "hp" matches hp_no but
// not "shipping". Korean names are matched as substrings: 휴대폰번호, 고객이름.
const RRN_TOKENS = new Set(['jumin', 'rrn', 'ssn', 'juminno', 'resno']);
const PHONE_TOKENS = new Set(['hp', 'tel', 'mobile', 'phone', 'cell', 'cellphone', 'telno', 'hpno', 'mobileno', 'phoneno']);
const EMAIL_TOKENS = new Set(['email', 'mail', 'emailaddr']);
const NAME_TOKENS = new Set(['name', 'nm', 'username', 'fullname']);
const ID_TOKENS = new Set(['no', 'id', 'num', 'number', 'code', 'cd', 'key']);
const ID_OWNERS = new Set(['mem', 'member', 'cust', 'customer', 'user', 'client', 'account']);

const KOREAN: readonly [RegExp, ColumnKind][] = [
  [/주민/, 'rrn'],
  [/이메일|메일/, 'email'],
  [/휴대폰|핸드폰|휴대전화|전화|연락처/, 'phone'],
  [/회원번호|고객번호|회원아이디|고객아이디|회원id/i, 'member-id'],
  [/이름|성명|고객명|회원명/, 'name'],
];

/** 900101-1234567: six digits of a birth date, the gender/century digit 1-8, six more. */
const RRN_VALUE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-?[1-8]\d{6}$/;
const DASHED_PHONE = /^0\d{1,2}-\d{3,4}-\d{4}$/;
const DIGITS_PHONE = /^0\d{8,10}$/;
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HANGUL_NAME = /^[가-힣]{2,5}$/;

function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

function byName(name: string): ColumnKind | undefined {
  for (const [pattern, kind] of KOREAN) if (pattern.test(name)) return kind;
  const parts = tokens(name);
  const joined = parts.join('');
  if (parts.some((t) => RRN_TOKENS.has(t)) || RRN_TOKENS.has(joined)) return 'rrn';
  if (parts.some((t) => EMAIL_TOKENS.has(t))) return 'email';
  if (parts.some((t) => PHONE_TOKENS.has(t)) || PHONE_TOKENS.has(joined)) return 'phone';
  if (parts.some((t) => NAME_TOKENS.has(t))) return 'name';
  if (parts.some((t) => ID_OWNERS.has(t)) && (parts.some((t) => ID_TOKENS.has(t)) || parts.length === 1)) return 'member-id';
  return undefined;
}

/** Whether most of the non-empty values (at least one) pass the test. */
function most(values: readonly string[], test: (value: string) => boolean): boolean {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return false;
  return present.filter(test).length * 10 >= present.length * 8;
}

/**
 * What a column holds, from its name (hp, tel, mem_no, cust_nm, 휴대폰, 이메일, 성명, 회원번호, 주민...)
 * and, when the name says nothing, from its sampled values. A column whose name or values look
 * like 주민등록번호 is `rrn` whatever else its name says, since it must never be proposed as is.
 *
 * @example
 * classifyColumn('휴대폰', ['010-1234-5678'])   // 'phone'
 * classifyColumn('mem_nm', [])                  // 'name'
 * classifyColumn('memo', ['900101-1234567'])    // 'rrn'
 */
export function classifyColumn(name: string, samples: readonly string[]): ColumnKind {
  const values = samples.map((v) => v.trim());
  if (most(values, (v) => RRN_VALUE.test(v) && v.includes('-'))) return 'rrn';
  const named = byName(name);
  if (named !== undefined) return named;
  if (most(values, (v) => DASHED_PHONE.test(v) || DIGITS_PHONE.test(v))) return 'phone';
  if (most(values, (v) => EMAIL_VALUE.test(v))) return 'email';
  if (most(values, (v) => HANGUL_NAME.test(v))) return 'name';
  return 'other';
}

/**
 * How a phone column stores its numbers: dashed (`010-1234-5678`) or digits (`01012345678`, also
 * the answer when no sample says otherwise), so the lookup item normalises to the same form.
 *
 * @example
 * phoneForm(['010-1234-5678', '02-123-4567']) // 'phone-kr-dashed'
 * phoneForm(['01012345678'])                  // 'phone-kr'
 */
export function phoneForm(samples: readonly string[]): PhoneForm {
  return most(samples.map((v) => v.trim()), (v) => DASHED_PHONE.test(v)) ? 'phone-kr-dashed' : 'phone-kr';
}
