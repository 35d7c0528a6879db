import type { ApiSetting, ConsoleSettings, LookupItemSetting, SampleCustomer } from './types.js';

/** The console's own port; far from the 8080 of `custlink demo`, so both run side by side. */
export const DEFAULT_CONSOLE_PORT = 18090;

const item = (fields: Partial<LookupItemSetting> & Pick<LookupItemSetting, 'name' | 'label'>): LookupItemSetting => ({
  kind: 'general', maxLength: 20, required: false, type: 'text', values: [], defaultValue: '', channels: [], ...fields,
});

/**
 * The settings a fresh console starts with: one API with the guide's items (callNum, a 티켓
 * 필드 looked up automatically for phone and KakaoTalk tickets, and nation → userName, id)
 * pointed at `custlink demo`'s default address, signing on and no key yet, so the first thing
 * the page asks for is the key, as Online Contact does when 암호화 여부 is 예.
 *
 * @example
 * defaultSettings().apis[0]?.lookupItems[0]?.name // 'callNum'
 */
export function defaultSettings(): ConsoleSettings {
  return { apis: [defaultApi('api-1', '회원정보')] };
}

/**
 * A new API as 추가 makes it: the guide's items, no URL and no key yet.
 *
 * @example
 * defaultApi('api-2', '결제정보').signing // true
 */
function defaultApi(id: string, name: string, url = 'http://127.0.0.1:8080/'): ApiSetting {
  return {
    id,
    name,
    url,
    signing: true,
    key: '',
    scheme: 'body+timestamp',
    timeoutMs: 5000,
    lookupItems: [
      item({ kind: 'ticketField', name: 'callNum', label: '전화번호', required: true, channels: ['phone', 'kakao'] }),
      item({ name: 'nation', label: '국가', maxLength: 10, type: 'select', values: ['korea', 'japan', 'usa', 'china'] }),
    ],
    resultItems: [
      { name: 'userName', label: '고객명' },
      { name: 'id', label: '회원 ID' },
      { name: 'email', label: '이메일' },
      { name: 'cashTotal', label: '보유 캐시' },
    ],
  };
}

/**
 * Settings for `custlink demo`'s endpoint: its URL and key, its lookup items, every result item
 * it answers with a Korean label, and demo customers for the sample tickets, so the first phone
 * ticket's automatic lookup shows a demo customer at once.
 *
 * @example
 * demoConsoleSettings('http://127.0.0.1:8080/', key, [customer]).apis[0]?.resultItems.length // 9
 */
export function demoConsoleSettings(url: string, key: string, customers: SampleCustomer[] = []): ConsoleSettings {
  return {
    ...(customers.length === 0 ? {} : { customers }),
    apis: [
      {
        ...defaultApi('api-1', '회원정보', url),
        key,
        resultItems: [
          { name: 'userName', label: '고객명' },
          { name: 'id', label: '회원 ID' },
          { name: 'email', label: '이메일' },
          { name: 'userNo', label: '회원 번호' },
          { name: 'userId', label: '게임 ID' },
          { name: 'gameCode', label: '게임' },
          { name: 'cashReal', label: '충전 캐시' },
          { name: 'cashBonus', label: '보너스 캐시' },
          { name: 'cashTotal', label: '보유 캐시' },
        ],
      },
    ],
  };
}
