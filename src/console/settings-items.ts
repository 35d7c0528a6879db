import { z } from 'zod';
import { CHANNELS } from './browser/channels.js';
import { itemName, MAX_ITEM_LENGTH, MAX_LABEL, requiredText, wholeNumber } from './settings-fields.js';
import { bi } from './settings-messages.js';
import type { LookupItemSetting, ResultItemSetting } from './types.js';

const MAX_VALUES = 50;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const channelIds = CHANNELS.map((c) => c.id) as [LookupItemSetting['channels'][number], ...Array<LookupItemSetting['channels'][number]>];

/**
 * One 조회항목 of an API. Values, channels and a default that do not apply to the item's
 * type or 구분 are dropped, so a saved item never carries a hidden leftover the page no
 * longer shows.
 *
 * @example
 * lookupItemSchema.parse({ name: 'phone', label: '전화번호', maxLength: 20, required: true, type: 'text' })
 * // { kind: 'general', values: [], defaultValue: '', channels: [], ... }
 */
export const lookupItemSchema = z
  .object({
    // Older settings files have no 구분 and no 부가 설정: they read as 일반 items without them.
    kind: z.enum(['general', 'ticketField'], { error: bi('구분은 일반 또는 티켓 필드입니다.', 'The kind is general or ticket field.') }).default('general'),
    name: itemName,
    label: requiredText(MAX_LABEL, ['화면 명칭', 'The label']),
    maxLength: wholeNumber(1, MAX_ITEM_LENGTH, '데이터 길이', 'The data length'),
    required: z.boolean({ error: bi('필수 여부를 선택하세요.', 'Choose whether the item is required.') }),
    type: z.enum(['text', 'select'], { error: bi('타입은 text box 또는 drop box입니다.', 'The type is text box or drop box.') }),
    values: z.array(z.string()).max(MAX_VALUES, bi(`drop box 값은 ${MAX_VALUES}개까지입니다.`, `At most ${MAX_VALUES} drop box values.`)).default([]),
    defaultValue: z.string().default(''),
    channels: z.array(z.enum(channelIds, { error: bi('알 수 없는 채널입니다.', 'Unknown channel.') })).default([]),
    pattern: z
      .string()
      .max(200, bi('패턴은 200자까지입니다.', 'At most 200 characters of pattern.'))
      .refine(isRegExp, bi('패턴이 올바른 정규식이 아닙니다.', 'The pattern is not a valid regular expression.'))
      .default(''),
  })
  .superRefine((item, ctx) => {
    if (item.type === 'select') {
      if (item.values.length === 0) ctx.addIssue({ code: 'custom', path: ['values'], message: bi('drop box 값을 1개 이상 입력하세요.', 'A drop box needs at least one value.') });
      item.values.forEach((v, j) => {
        if (v === '' || v.length > item.maxLength || item.values.indexOf(v) !== j) {
          ctx.addIssue({ code: 'custom', path: ['values', j], message: bi(`값은 비어 있지 않고 중복되지 않으며 데이터 길이(${item.maxLength}) 이내여야 합니다.`, `Each value must be non-empty, unique and within the data length (${item.maxLength}).`) });
        }
      });
    }
    if (item.defaultValue.length > item.maxLength) {
      ctx.addIssue({ code: 'custom', path: ['defaultValue'], message: bi(`기본값이 데이터 길이(${item.maxLength})를 넘습니다.`, `The default value is longer than the data length (${item.maxLength}).`) });
    }
  })
  .transform(({ pattern, ...item }): LookupItemSetting => ({
    ...item,
    values: item.type === 'select' ? item.values : [],
    channels: item.kind === 'ticketField' ? item.channels : [],
    defaultValue: item.kind === 'general' ? item.defaultValue : '',
    ...(item.type === 'text' && pattern !== '' ? { pattern } : {}),
  }));

/**
 * One 결과항목 of an API: a name the endpoint answers with and the label the agent sees.
 *
 * @example
 * resultItemSchema.parse({ name: 'grade', label: '등급' })
 */
export const resultItemSchema = z.object({ name: itemName, label: requiredText(MAX_LABEL, ['화면 명칭', 'The label']) }) satisfies z.ZodType<ResultItemSetting>;
