/** The console: Online Contact's API 설정 and ticket screen as a local page (`custlink console`). */
export { startConsole, isLoopback, type ConsoleOptions, type RunningConsole } from './server.js';
export { openSettingsStore, SettingsFileError, type SettingsStore } from './settings-store.js';
export { validateSettings, type SettingsCheck } from './validate-settings.js';
export { buildLookupBody, sampleValues } from './lookup-body.js';
export { runLookup } from './run-lookup.js';
export { testConnection, verdict } from './connection-test.js';
export { defaultSettings, DEFAULT_CONSOLE_PORT } from './defaults.js';
export { maskKey, settingsView } from './key-view.js';
export type * from './types.js';
