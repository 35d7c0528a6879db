import { alertBox, h, replace } from './dom.js';

/**
 * OC 서버 정보 as this console can give it. Online Contact mails the IPs to allow (조회 picks the
 * recipients, 메일 발송 sends) and publishes no list, so the console shows no addresses and sends
 * nothing: it offers the request to the firewall team, naming where the mail with the IPs comes from.
 */

const or = (value: string): string => (value.trim() === '' ? '(미입력)' : value.trim());

/**
 * The firewall request for one API, in Korean, as the admin would mail it.
 *
 * @example
 * ocServerText('회원정보', 'https://crm.example.com/oc/customer').split('\n')[1] // 'API 이름: 회원정보'
 */
function ocServerText(name: string, url: string): string {
  return [
    '[고객정보연동] 방화벽 오픈 요청',
    `API 이름: ${or(name)}`,
    `기본 URL: ${or(url)}`,
    'NHN Cloud Online Contact 서버가 위 기본 URL로 고객정보 조회 요청(HTTPS POST)을 보냅니다.',
    'Online Contact 서버 IP에서 오는 요청을 방화벽과 엔드포인트의 허용 목록(custlink.yaml의 allowIps)에 추가해 주세요.',
    'IP 정보는 Online Contact [고객정보관리 → 고객정보연동 → API 설정 → OC 서버 정보]에서 수신자를 조회한 뒤 메일 발송으로 받습니다.',
  ].join('\n');
}

/**
 * The OC 서버 정보 field of an API card: the guide's notice, the request text and 복사.
 *
 * @example
 * field(ko('OC 서버 정보', 'Helpdesk servers'), ocServerBlock(api.name, api.url));
 */
export function ocServerBlock(name: string, url: string): HTMLDivElement {
  return h('div', { class: 'oc-server' },
    h('div', {}, 'API 연동 전 Online Contact 서비스에 대한 방화벽 오픈이 필요합니다.'),
    h('div', { class: 'muted' }, 'Online Contact는 허용할 IP를 메일로만 알려 줍니다. 이 콘솔은 메일을 보내지 않으니 아래 요청문을 복사해 보내세요. 콘솔로 시험할 때의 요청은 custlink console을 실행한 컴퓨터에서 나갑니다.'),
    h('pre', { class: 'oc-server-text' }, ocServerText(name, url)),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'copy-oc-server' }, '요청문 복사 ', h('small', {}, 'Copy'))),
    h('div', { class: 'oc-server-note' }));
}

const typed = (card: Element, field: string): string => card.querySelector<HTMLInputElement>(`[data-field="${field}"]`)?.value ?? '';

/**
 * Rewrites a card's request text from the API 이름 and 기본 URL as typed, so what is copied is
 * what the card says even before 저장.
 *
 * @example
 * refreshOcServer(card); // '[고객정보연동] 방화벽 오픈 요청\nAPI 이름: 회원정보\n...'
 */
export function refreshOcServer(card: Element): string {
  const text = ocServerText(typed(card, 'name'), typed(card, 'url'));
  const pre = card.querySelector('pre.oc-server-text');
  if (pre && pre.textContent !== text) pre.textContent = text;
  return text;
}

/**
 * 요청문 복사: the card's request text on the clipboard, or selected to copy by hand.
 *
 * @example
 * await copyOcServer(card);
 */
export async function copyOcServer(card: Element): Promise<void> {
  const text = refreshOcServer(card);
  const note = card.querySelector('.oc-server-note');
  if (note === null) return;
  try {
    await navigator.clipboard.writeText(text);
    replace(note, alertBox('ok', { ko: '복사했습니다.', en: 'Copied.' }));
  } catch {
    // No clipboard (an insecure origin, a denied permission): the text is on the card already.
    const pre = card.querySelector('pre.oc-server-text');
    if (pre) window.getSelection()?.selectAllChildren(pre);
    replace(note, alertBox('info', { ko: '클립보드를 쓸 수 없습니다. 선택된 요청문을 직접 복사하세요.', en: 'No clipboard: copy the selected text by hand.' }));
  }
}
