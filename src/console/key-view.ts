import { keyFingerprint } from '../protocol/key-fingerprint.js';
import type { ApiSetting, ConsoleSettings, KeyView, PublicApiSetting, SettingsView } from './types.js';

const SHOWN = 4;
/** Below this many characters, four of them would give too much of the key away. */
const MIN_FOR_PREFIX = 16;

/**
 * The key as the page may show it after it was saved: its first four characters, enough to tell
 * which key is configured, never enough to use it.
 *
 * @example
 * maskKey('bf7769e5321448de88838cdb') // 'bf77•••'
 * maskKey('')                          // ''
 */
function maskKey(key: string): string {
  if (key === '') return '';
  return key.length < MIN_FOR_PREFIX ? '•••' : `${key.slice(0, SHOWN)}•••`;
}

/**
 * What the page may know of a key: set or not, masked, its fingerprint; whole only when `reveal`.
 *
 * @example
 * keyView('bf7769e5321448de88838cdb') // { set: true, masked: 'bf77•••', fingerprint: '63d82c4e' }
 */
export function keyView(key: string, reveal = false): KeyView {
  return {
    set: key !== '',
    masked: maskKey(key),
    fingerprint: key === '' ? '' : keyFingerprint(key),
    ...(reveal && key !== '' ? { generated: key } : {}),
  };
}

/**
 * An API without its key, for the page.
 *
 * @example
 * publicApi(store.get().apis[0]).url
 */
function publicApi(api: ApiSetting): PublicApiSetting {
  const { key: _key, ...rest } = api;
  return rest;
}

/**
 * What GET /api/settings answers: the APIs without keys and each key's view by API id.
 *
 * @example
 * settingsView(store.get()).keys['api-1']?.masked // 'bf77•••'
 */
export function settingsView(settings: ConsoleSettings): SettingsView {
  return {
    apis: settings.apis.map(publicApi),
    keys: Object.fromEntries(settings.apis.map((api) => [api.id, keyView(api.key)])),
    customers: settings.customers ?? [],
  };
}
