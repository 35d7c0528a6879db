import { z } from 'zod';
import { itemNameProblem } from '../utils/item-name.js';
import { CHANNELS } from './browser/channels.js';
import { bi, NAME_MESSAGES, REQUIRED } from './settings-messages.js';
import type { ApiSetting, ConsoleScheme, LookupItemSetting, ResultItemSetting } from './types.js';

export const MAX_LABEL = 50;
export const MAX_ITEM_LENGTH = 1000;
const MAX_APIS = 10;
const MAX_LOOKUP_ITEMS = 20;
const MAX_RESULT_ITEMS = 50;
const MAX_VALUES = 50;
/** Printable ASCII without spaces: what can be pasted into a YAML or .env file unquoted. */
const KEY = /^[\x21-\x7e]{1,256}$/;

/** One reason per name, the endpoint's own rule (utils/item-name.ts): an empty name is "required". */
const itemName = z.string({ error: REQUIRED }).superRefine((name, ctx) => {
  const problem = itemNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: NAME_MESSAGES[problem] });
});

const text = (max: number, what: Bilingual2) =>
  z.string({ error: REQUIRED }).trim().superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: REQUIRED });
    else if (value.length > max) ctx.addIssue({ code: 'custom', message: bi(`${what[0]}은(는) ${max}자 이내여야 합니다.`, `${what[1]} must be at most ${max} characters.`) });
  });
type Bilingual2 = readonly [string, string];

const wholeNumber = (min: number, max: number, ko: string, en: string) => {
  const message = bi(`${ko}은(는) ${min}~${max} 사이의 정수여야 합니다.`, `${en} must be a whole number from ${min} to ${max}.`);
  return z.number({ error: message }).refine((n) => Number.isInteger(n) && n >= min && n <= max, message);
};

const url = z.string({ error: REQUIRED }).trim().superRefine((value, ctx) => {
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

const channelIds = CHANNELS.map((c) => c.id) as [LookupItemSetting['channels'][number], ...Array<LookupItemSetting['channels'][number]>];

const lookupItem = z
  .object({
    // Older settings files have no 구분 and no 부가 설정: they read as 일반 items without them.
    kind: z.enum(['general', 'ticketField'], { error: bi('구분은 일반 또는 티켓 필드입니다.', 'The kind is general or ticket field.') }).default('general'),
    name: itemName,
    label: text(MAX_LABEL, ['화면 명칭', 'The label']),
    maxLength: wholeNumber(1, MAX_ITEM_LENGTH, '데이터 길이', 'The data length'),
    required: z.boolean({ error: bi('필수 여부를 선택하세요.', 'Choose whether the item is required.') }),
    type: z.enum(['text', 'select'], { error: bi('타입은 text box 또는 drop box입니다.', 'The type is text box or drop box.') }),
    values: z.array(z.string()).max(MAX_VALUES, bi(`drop box 값은 ${MAX_VALUES}개까지입니다.`, `At most ${MAX_VALUES} drop box values.`)).default([]),
    defaultValue: z.string().default(''),
    channels: z.array(z.enum(channelIds, { error: bi('알 수 없는 채널입니다.', 'Unknown channel.') })).default([]),
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
  .transform((item): LookupItemSetting => ({
    ...item,
    values: item.type === 'select' ? item.values : [],
    channels: item.kind === 'ticketField' ? item.channels : [],
    defaultValue: item.kind === 'general' ? item.defaultValue : '',
  }));

const resultItem = z.object({ name: itemName, label: text(MAX_LABEL, ['화면 명칭', 'The label']) }) satisfies z.ZodType<ResultItemSetting>;

const uniqueNames = (what: Bilingual2) => (items: Array<{ name: string }>, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.name !== '' && seen.has(item.name)) {
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: bi(`${what[0]} "${item.name}"이(가) 중복되었습니다.`, `${what[1]} "${item.name}" is used twice.`) });
    }
    seen.add(item.name);
  });
};

/** One API as the page sends it; `key` absent or '' keeps the API's current key. */
export const apiInputSchema = z.object({
  id: z.string({ error: REQUIRED }).regex(/^[A-Za-z0-9_-]{1,40}$/, bi('API id가 올바르지 않습니다.', 'Bad API id.')),
  name: text(MAX_LABEL, ['API 이름', 'The API name']),
  url,
  signing: z.boolean({ error: bi('암호화 여부를 선택하세요.', 'Choose whether requests are signed.') }),
  key: z.string().regex(KEY, bi('암호화 키는 공백 없는 영문·숫자·기호 256자 이내여야 합니다.', 'The key must be 1-256 printable characters without spaces.')).or(z.literal('')).optional(),
  scheme: z.enum(['body+timestamp', 'uri+body+timestamp'] satisfies ConsoleScheme[], { error: bi('서명 방식은 body+timestamp 또는 uri+body+timestamp입니다.', 'The scheme is body+timestamp or uri+body+timestamp.') }).default('body+timestamp'),
  timeoutMs: wholeNumber(100, 60_000, '타임아웃(ms)', 'The timeout (ms)').default(5000),
  lookupItems: z
    .array(lookupItem, { error: REQUIRED })
    .min(1, bi('조회항목을 1개 이상 설정하세요.', 'Configure at least one lookup item.'))
    .max(MAX_LOOKUP_ITEMS, bi(`조회항목은 ${MAX_LOOKUP_ITEMS}개까지입니다.`, `At most ${MAX_LOOKUP_ITEMS} lookup items.`))
    .superRefine(uniqueNames(['변수 명칭', 'The variable name'])),
  resultItems: z
    .array(resultItem, { error: REQUIRED })
    .min(1, bi('결과항목을 1개 이상 설정하세요.', 'Configure at least one result item.'))
    .max(MAX_RESULT_ITEMS, bi(`결과항목은 ${MAX_RESULT_ITEMS}개까지입니다.`, `At most ${MAX_RESULT_ITEMS} result items.`))
    .superRefine(uniqueNames(['데이터 명칭', 'The data name'])),
});

export type ApiInput = z.output<typeof apiInputSchema>;

/** The whole API 설정 as the page sends it. */
export const settingsInputSchema = z.object({
  apis: z
    .array(apiInputSchema, { error: REQUIRED })
    .min(1, bi('API를 1개 이상 설정하세요.', 'Configure at least one API.'))
    .max(MAX_APIS, bi(`API는 ${MAX_APIS}개까지입니다.`, `At most ${MAX_APIS} APIs.`))
    .superRefine((apis, ctx) => {
      const ids = new Set<string>();
      apis.forEach((api, i) => {
        if (ids.has(api.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: bi('API id가 중복되었습니다.', 'The API id is used twice.') });
        ids.add(api.id);
      });
    }),
});

/** Compile-time proof that a checked API (with its key resolved) is an `ApiSetting`. */
export type CheckedApi = Omit<ApiInput, 'key'> & { key: string } extends ApiSetting ? ApiSetting : never;
