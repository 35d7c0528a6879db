import type { ConsoleSettings, PublicSettings, SettingsView } from './types.js';

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
export function maskKey(key: string): string {
  if (key === '') return '';
  return key.length < MIN_FOR_PREFIX ? '•••' : `${key.slice(0, SHOWN)}•••`;
}

/**
 * Settings without their key, for the page.
 *
 * @example
 * publicSettings(store.get()).url
 */
export function publicSettings(settings: ConsoleSettings): PublicSettings {
  const { key: _key, ...rest } = settings;
  return rest;
}

/**
 * What GET /api/settings answers: the key masked, or, right after 키 생성 only, whole, so the
 * developer can copy it into the endpoint's config once.
 *
 * @example
 * settingsView(store.get()).key.masked               // 'bf77•••'
 * settingsView(settings, { reveal: true }).key.generated // the whole new key
 */
export function settingsView(settings: ConsoleSettings, options: { reveal?: boolean } = {}): SettingsView {
  const { key } = settings;
  return {
    settings: publicSettings(settings),
    key: { set: key !== '', masked: maskKey(key), ...(options.reveal === true && key !== '' ? { generated: key } : {}) },
  };
}
