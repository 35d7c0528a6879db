import { z } from 'zod';
import { httpUrl, MAX_LABEL, requiredText, uniqueNames, wholeNumber } from './settings-fields.js';
import { lookupItemSchema, resultItemSchema } from './settings-items.js';
import { bi, REQUIRED } from './settings-messages.js';
import { SCHEMES } from '../protocol/types.js';
import type { ApiSetting } from './types.js';

const MAX_APIS = 10;
const MAX_LOOKUP_ITEMS = 20;
const MAX_RESULT_ITEMS = 50;
/** Printable ASCII without spaces: what can be pasted into a YAML or .env file unquoted. */
const KEY = /^[\x21-\x7e]{1,256}$/;

/** One API as the page sends it; `key` absent or '' keeps the API's current key. */
export const apiInputSchema = z.object({
  id: z.string({ error: REQUIRED }).regex(/^[A-Za-z0-9_-]{1,40}$/, bi('API id가 올바르지 않습니다.', 'Bad API id.')),
  name: requiredText(MAX_LABEL, ['API 이름', 'The API name']),
  url: httpUrl,
  signing: z.boolean({ error: bi('암호화 여부를 선택하세요.', 'Choose whether requests are signed.') }),
  key: z.string().regex(KEY, bi('암호화 키는 공백 없는 영문·숫자·기호 256자 이내여야 합니다.', 'The key must be 1-256 printable characters without spaces.')).or(z.literal('')).optional(),
  scheme: z.enum(SCHEMES, { error: bi(`서명 방식은 ${SCHEMES.join(' 또는 ')}입니다.`, `The scheme is ${SCHEMES.join(' or ')}.`) }).default('body+timestamp'),
  timeoutMs: wholeNumber(100, 60_000, '타임아웃(ms)', 'The timeout (ms)').default(5000),
  lookupItems: z
    .array(lookupItemSchema, { error: REQUIRED })
    .min(1, bi('조회항목을 1개 이상 설정하세요.', 'Configure at least one lookup item.'))
    .max(MAX_LOOKUP_ITEMS, bi(`조회항목은 ${MAX_LOOKUP_ITEMS}개까지입니다.`, `At most ${MAX_LOOKUP_ITEMS} lookup items.`))
    .superRefine(uniqueNames(['변수 명칭', 'The variable name'])),
  resultItems: z
    .array(resultItemSchema, { error: REQUIRED })
    .min(1, bi('결과항목을 1개 이상 설정하세요.', 'Configure at least one result item.'))
    .max(MAX_RESULT_ITEMS, bi(`결과항목은 ${MAX_RESULT_ITEMS}개까지입니다.`, `At most ${MAX_RESULT_ITEMS} result items.`))
    .superRefine(uniqueNames(['데이터 명칭', 'The data name'])),
});

export type ApiInput = z.output<typeof apiInputSchema>;

const sampleText = z.string().max(100);

/** A customer of the sample tickets (written by `custlink demo`, never by the page). */
const sampleCustomerSchema = z.object({ name: sampleText, phone: sampleText, email: sampleText, userId: sampleText, memberNo: sampleText });

/** The whole API 설정 as the page sends it. */
export const settingsInputSchema = z.object({
  customers: z.array(sampleCustomerSchema).max(10).optional(),
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

// Compile-time proof that a checked API (with its key resolved) is an `ApiSetting`: `Proof` refuses `false`.
type Proof<T extends true> = T;
type _CheckedApi = Proof<Omit<ApiInput, 'key'> & { key: string } extends ApiSetting ? true : false>;
