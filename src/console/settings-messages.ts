import type { Bilingual } from './types.js';

/**
 * Messages of the settings schema in both languages. zod carries one string per issue, so the
 * pair travels as `ko\nen` and `splitMessage` takes it apart again.
 *
 * @example
 * z.string().min(1, bi('필수 입력입니다.', 'Required.'))
 */
export function bi(ko: string, en: string): string {
  return `${ko}\n${en}`;
}

/**
 * The Korean and English halves of a `bi` message; a message from zod itself (no newline) is
 * replaced by a general one, so the page never shows zod's English alone.
 *
 * @example
 * splitMessage(bi('필수 입력입니다.', 'Required.')) // { ko: '필수 입력입니다.', en: 'Required.' }
 */
export function splitMessage(message: string): Bilingual {
  const cut = message.indexOf('\n');
  if (cut < 0) return { ko: '값이 올바르지 않습니다.', en: `Invalid value (${message}).` };
  return { ko: message.slice(0, cut), en: message.slice(cut + 1) };
}

export const REQUIRED = bi('필수 입력입니다.', 'Required.');

/** What is wrong with an item name, by `itemNameProblem`'s reason. */
export const NAME_MESSAGES = {
  required: REQUIRED,
  identifier: bi('영문자나 _로 시작하는 영문·숫자·_ 64자 이내여야 합니다.', 'Letters, digits or _ (64 at most), starting with a letter or _.'),
  reserved: bi('예약된 이름이라 쓸 수 없습니다 (__proto__, constructor, prototype).', 'A reserved name (__proto__, constructor, prototype).'),
} as const;
