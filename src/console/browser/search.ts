import type { ApiLookupView, LookupItemSetting, PublicApiSetting } from '../types.js';
import { api } from './api-client.js';
import { customerBlock, refusalView } from './customer-panel.js';
import { byId, h, replace } from './dom.js';
import { recordLookup } from './history.js';
import { clearIssues, showIssues } from './issues-view.js';
import type { SampleTicket } from './tickets.js';

let apis: PublicApiSetting[] = [];
let filledFrom: SampleTicket | undefined;

function itemInput(apiId: string, item: LookupItemSetting, value: string): HTMLInputElement | HTMLSelectElement {
  const common = { id: `search-${apiId}-${item.name}`, 'data-item': item.name, 'data-path': `values.${item.name}` };
  if (item.type === 'select') {
    const select = h('select', common, item.required ? null : h('option', { value: '' }, '(선택 안 함)'), ...item.values.map((v) => h('option', { value: v }, v)));
    select.value = value;
    return select;
  }
  // No maxlength attribute: a value over 데이터 길이 is refused by the console with a message.
  return h('input', { ...common, type: 'text', autocomplete: 'off', value });
}

/** The value an item starts with: the ticket's field for a 티켓 필드, the default for 일반. */
function startValue(item: LookupItemSetting, ticket: SampleTicket | undefined): string {
  return item.kind === 'ticketField' ? (ticket?.fields[item.name] ?? '') : item.defaultValue;
}

function searchBox(a: PublicApiSetting): HTMLFieldSetElement {
  const button = h('button', { type: 'button', class: 'primary search' }, '조회');
  const box = h('fieldset', { class: 'search-api', 'data-api': a.id },
    h('legend', {}, a.name),
    h('div', { class: 'search-grid' }, ...a.lookupItems.map((item) => h('label', { class: 'search-item' },
      h('span', {}, item.label, item.required ? ' *' : '', item.kind === 'ticketField' ? h('small', {}, ' 티켓 필드') : null),
      itemInput(a.id, item, startValue(item, filledFrom))))),
    h('div', { class: 'actions' }, button));
  button.addEventListener('click', () => void lookUp(a.id));
  // Enter runs 조회, as in the helpdesk's 정보검색; a select takes Enter too.
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || !(event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)) return;
    event.preventDefault();
    void lookUp(a.id);
  });
  return box;
}

/**
 * Draws 정보검색 from the saved APIs: each API's inputs, filled from `ticket`. Without a ticket
 * the last one given stays, because a 저장 redraws the inputs for the ticket still open.
 *
 * @example
 * renderSearch(view.apis);          // after 저장
 * renderSearch(searchApis(), ticket); // a ticket opens
 */
export function renderSearch(saved: PublicApiSetting[], ticket: SampleTicket | undefined = filledFrom): void {
  apis = saved;
  filledFrom = ticket;
  replace(byId('search-area', HTMLDivElement), ...apis.map(searchBox));
}

/**
 * The APIs 정보검색 was last drawn with: the saved ones, which the ticket screen looks up.
 *
 * @example
 * searchApis().map((a) => a.name); // ['회원정보', '결제정보']
 */
export function searchApis(): PublicApiSetting[] {
  return apis;
}

function readValues(box: Element): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of box.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-item]')) values[el.dataset.item ?? ''] = el.value;
  return values;
}

function block(apiId: string): HTMLElement {
  const blocks = byId('customer-blocks', HTMLDivElement);
  let el = blocks.querySelector<HTMLElement>(`section.api-block[data-api="${CSS.escape(apiId)}"]`);
  if (el === null) {
    el = h('section', { class: 'api-block', 'data-api': apiId });
    blocks.append(el);
  }
  return el;
}

/** The lookup an API panel is waiting for: only its answer may be drawn. */
interface Running {
  seq: number;
  controller: AbortController;
  /** The values sent, so a second Enter with the same values does not send them again. */
  sent: string;
  started: number;
  timeoutMs: number;
  ticker: ReturnType<typeof setInterval>;
}

const running = new Map<string, Running>();
let lastSeq = 0;

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))}초`;

function searchButton(apiId: string): HTMLButtonElement | null {
  return byId('search-area', HTMLDivElement).querySelector<HTMLButtonElement>(`fieldset[data-api="${CSS.escape(apiId)}"] button.search`);
}

/** 조회 disabled, counting the time against the API's timeout: "조회 중… 1.2초 / 5초". */
function showBusy(apiId: string, run: Running): void {
  const button = searchButton(apiId);
  if (button === null) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = `조회 중… ${(Math.max(0, Date.now() - run.started) / 1000).toFixed(1)}초 / ${seconds(run.timeoutMs)}`;
}

function showIdle(apiId: string): void {
  const button = searchButton(apiId);
  if (button === null) return;
  button.disabled = false;
  button.removeAttribute('aria-busy');
  button.textContent = '조회';
}

function finish(apiId: string, run: Running): void {
  clearInterval(run.ticker);
  if (running.get(apiId) === run) {
    running.delete(apiId);
    showIdle(apiId);
  }
}

/**
 * Cancels every lookup still running (another ticket opens): their answers are dropped.
 *
 * @example
 * cancelLookups();
 */
export function cancelLookups(): void {
  for (const [apiId, run] of running) {
    run.controller.abort();
    finish(apiId, run);
  }
}

/**
 * 조회 for one API: the 정보검색 values go through the console, and the API's block in 고객정보
 * shows what the agent would see. Each API panel draws only the answer of its latest lookup: a
 * new lookup (Enter with changed values, another ticket) aborts the one running, and an answer
 * that comes back after a newer lookup started is dropped, however the two answers race.
 *
 * @example
 * await lookUp('api-1');
 */
export async function lookUp(apiId: string): Promise<void> {
  const box = byId('search-area', HTMLDivElement).querySelector(`fieldset[data-api="${CSS.escape(apiId)}"]`);
  if (box === null) return;
  const setting = apis.find((a) => a.id === apiId);
  const name = setting?.name ?? apiId;
  const values = readValues(box);
  const sent = JSON.stringify(values);
  const before = running.get(apiId);
  if (before !== undefined && before.sent === sent) return;
  before?.controller.abort();
  if (before !== undefined) finish(apiId, before);
  const run: Running = { seq: ++lastSeq, controller: new AbortController(), sent, started: Date.now(), timeoutMs: setting?.timeoutMs ?? 5000, ticker: setInterval(() => showBusy(apiId, run), 100) };
  running.set(apiId, run);
  showBusy(apiId, run);
  replace(block(apiId), h('h3', {}, name), h('p', { class: 'muted' }, '조회 중…'));
  const answer = await api<ApiLookupView>('POST', '/api/lookup', { api: apiId, values }, run.controller.signal);
  // A newer lookup of this API started meanwhile: its answer, not this one, belongs on screen.
  if (running.get(apiId)?.seq !== run.seq) return;
  finish(apiId, run);
  const target = block(apiId);
  const current = byId('search-area', HTMLDivElement).querySelector(`fieldset[data-api="${CSS.escape(apiId)}"]`) ?? box;
  if (answer.ok) {
    clearIssues(current);
    target.replaceWith(customerBlock(answer.value));
    recordLookup(answer.value);
  } else {
    showIssues(current, answer.error.issues ?? []);
    replace(target, h('h3', {}, name), refusalView(answer.error));
  }
}
