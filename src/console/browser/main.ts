import type { SettingsView } from '../types.js';
import { api } from './api-client.js';
import { byId, replace } from './dom.js';
import { refusalView } from './customer-panel.js';
import { addRow } from './item-rows.js';
import { generateKey, testConnection } from './settings-actions.js';
import { fillSettings, saveSettings } from './settings-form.js';
import { lookUp, renderLookupInputs } from './ticket.js';

function showTab(name: 'settings' | 'ticket'): void {
  for (const tab of ['settings', 'ticket'] as const) {
    byId(`tab-${tab}`, HTMLButtonElement).setAttribute('aria-selected', String(tab === name));
    byId(`panel-${tab}`, HTMLElement).hidden = tab !== name;
  }
}

const onSaved = (view: SettingsView): void => renderLookupInputs(view.settings.lookupItems);

/**
 * Wires the page: tabs, the API 설정 form and the ticket, after loading the saved settings.
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
  byId('generate-key', HTMLButtonElement).addEventListener('click', () => void generateKey(onSaved));
  byId('add-lookup', HTMLButtonElement).addEventListener('click', () => addRow(byId('lookup-items', HTMLTableElement), 'lookup'));
  byId('add-result', HTMLButtonElement).addEventListener('click', () => addRow(byId('result-items', HTMLTableElement), 'result'));
  byId('test', HTMLButtonElement).addEventListener('click', () => void testConnection());
  byId('lookup-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void lookUp();
  });
  const answer = await api<SettingsView>('GET', '/api/settings');
  if (!answer.ok) return replace(byId('page-alert', HTMLDivElement), refusalView(answer.error));
  fillSettings(answer.value);
  onSaved(answer.value);
  // Marks the page as ready, for people and for the browser test alike.
  document.body.dataset.ready = 'true';
}

void start();
