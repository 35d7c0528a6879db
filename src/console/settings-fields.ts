import { z } from 'zod';
import { itemNameProblem } from '../utils/item-name.js';
import { bi, NAME_MESSAGES, REQUIRED } from './settings-messages.js';

export const MAX_LABEL = 50;
export const MAX_ITEM_LENGTH = 1000;

/** A field's name in Korean and in English, for messages that name it. */
export type KoEn = readonly [ko: string, en: string];

/**
 * An item's 변수 명칭 or 데이터 명칭. One reason per name, the endpoint's own rule
 * (utils/item-name.ts), so the console refuses exactly what the endpoint would; an empty
 * name is "required".
 *
 * @example
 * itemName.safeParse('1abc').success // false: 영문자나 _로 시작하는 …
 */
export const itemName = z.string({ error: REQUIRED }).superRefine((name, ctx) => {
  const problem = itemNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: NAME_MESSAGES[problem] });
});

/**
 * A trimmed, non-empty text of at most `max` characters; `what` names it in the message.
 *
 * @example
 * requiredText(MAX_LABEL, ['화면 명칭', 'The label']).parse(' 전화번호 ') // '전화번호'
 */
export function requiredText(max: number, what: KoEn) {
  return z.string({ error: REQUIRED }).trim().superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: REQUIRED });
    else if (value.length > max) ctx.addIssue({ code: 'custom', message: bi(`${what[0]}은(는) ${max}자 이내여야 합니다.`, `${what[1]} must be at most ${max} characters.`) });
  });
}

/**
 * A whole number from `min` to `max`. A wrong type and a wrong number get the same message,
 * since to the user both are "not a number in range".
 *
 * @example
 * wholeNumber(100, 60_000, '타임아웃(ms)', 'The timeout (ms)').safeParse(50).success // false
 */
export function wholeNumber(min: number, max: number, ko: string, en: string) {
  const message = bi(`${ko}은(는) ${min}~${max} 사이의 정수여야 합니다.`, `${en} must be a whole number from ${min} to ${max}.`);
  return z.number({ error: message }).refine((n) => Number.isInteger(n) && n >= min && n <= max, message);
}

/**
 * The 기본 URL: http(s) only, and no user or password: the URL is saved and shown as it is.
 *
 * @example
 * httpUrl.safeParse('https://u:p@crm.example.com').success // false: URL에 사용자 정보를 넣지 마세요.
 */
export const httpUrl = z.string({ error: REQUIRED }).trim().superRefine((value, ctx) => {
  if (value === '') return void ctx.addIssue({ code: 'custom', message: REQUIRED });
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    // Reported below with the same message as a wrong protocol.
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    ctx.addIssue({ code: 'custom', message: bi('기본 URL은 https:// (로컬 테스트는 http://)로 시작하는 주소여야 합니다.', 'The 기본 URL must start with https:// (http:// for local testing).') });
  } else if (parsed.username !== '' || parsed.password !== '') {
    ctx.addIssue({ code: 'custom', message: bi('URL에 사용자 정보를 넣지 마세요.', 'Do not put credentials in the URL.') });
  }
});

/**
 * A refinement for a list of items: each repeated name is flagged at the repeat, so the page
 * marks the second row, not the first. Empty names are left to `itemName`'s "required".
 *
 * @example
 * z.array(resultItemSchema).superRefine(uniqueNames(['데이터 명칭', 'The data name']))
 */
export function uniqueNames(what: KoEn) {
  return (items: Array<{ name: string }>, ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (item.name !== '' && seen.has(item.name)) {
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: bi(`${what[0]} "${item.name}"이(가) 중복되었습니다.`, `${what[1]} "${item.name}" is used twice.`) });
      }
      seen.add(item.name);
    });
  };
}
