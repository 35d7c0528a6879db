import type { SettingsView } from '../types.js';
import { api } from './api-client.js';
import { byId, replace } from './dom.js';
import { refusalView } from './customer-panel.js';
import { copyKey, newKey } from './key-actions.js';
import { copyOcServer, refreshOcServer } from './oc-server-info.js';
import { renderSearch } from './search.js';
import { testConnection } from './settings-actions.js';
import { addApi, fillSettings, removeApi, saveSettings } from './settings-form.js';
import { renderTicketList } from './ticket.js';
import { useSampleCustomers } from './tickets.js';

function showTab(name: 'settings' | 'ticket'): void {
  for (const tab of ['settings', 'ticket'] as const) {
    byId(`tab-${tab}`, HTMLButtonElement).setAttribute('aria-selected', String(tab === name));
    byId(`panel-${tab}`, HTMLElement).hidden = tab !== name;
  }
}

const onSaved = (view: SettingsView): void => renderSearch(view.apis);

// One listener for every card: cards are redrawn on 추가, 삭제 and 저장.
function onCardClick(event: Event): void {
  const target = event.target instanceof Element ? event.target : null;
  const card = target?.closest('fieldset.api');
  if (!target || !card) return;
  const button = target.closest('button');
  if (button?.classList.contains('copy-key')) void copyKey(card);
  else if (button?.classList.contains('change-key')) void newKey(card, 'change');
  else if (button?.classList.contains('copy-oc-server')) void copyOcServer(card);
  else if (button?.classList.contains('remove-api')) removeApi(card);
  else if (button?.classList.contains('test-api')) void testConnection(card, button);
  // 예 makes the key at once, as Online Contact does, when the API has none yet.
  else if (target instanceof HTMLInputElement && target.classList.contains('signing-yes') && card.getAttribute('data-key-set') !== 'true') void newKey(card, 'yes');
}

/**
 * Wires the page: tabs, API 설정 and 티켓관리, after loading the saved settings.
 *
 * @example
 * void start(); // run once when the module loads
 */
export async function start(): Promise<void> {
  byId('tab-settings', HTMLButtonElement).addEventListener('click', () => showTab('settings'));
  byId('tab-ticket', HTMLButtonElement).addEventListener('click', () => showTab('ticket'));
  byId('settings-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void saveSettings(onSaved);
  });
  byId('add-api', HTMLButtonElement).addEventListener('click', addApi);
  byId('apis', HTMLDivElement).addEventListener('click', onCardClick);
  byId('apis', HTMLDivElement).addEventListener('input', (event) => {
    const card = event.target instanceof Element ? event.target.closest('fieldset.api') : null;
    if (card) refreshOcServer(card);
  });
  renderTicketList();
  const answer = await api<SettingsView>('GET', '/api/settings');
  if (!answer.ok) return replace(byId('page-alert', HTMLDivElement), refusalView(answer.error));
  fillSettings(answer.value);
  useSampleCustomers(answer.value.customers);
  renderTicketList();
  onSaved(answer.value);
  // Marks the page as ready, for people and for the browser test alike.
  document.body.dataset.ready = 'true';
}

void start();
