import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { defaultSettings } from './defaults.js';
import type { ApiSetting, ConsoleSettings, FieldIssue } from './types.js';
import { migrateSettings, validateSettings } from './validate-settings.js';

/** Where the console keeps its API 설정: a JSON file (`--settings FILE`) or memory only. */
export interface SettingsStore {
  /** The file, or undefined when settings live in memory. */
  readonly file: string | undefined;
  get(): ConsoleSettings;
  set(settings: ConsoleSettings): void;
  /** One API by id, or undefined. */
  api(id: string): ApiSetting | undefined;
}

/** The settings file could not be read back: named after the file, with the field problems. */
export class SettingsFileError extends Error {
  override name = 'SettingsFileError';
}

function describe(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.en}`).join('; ');
}

function load(file: string): ConsoleSettings {
  let parsed: unknown;
  try {
    parsed = migrateSettings(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new SettingsFileError(`${file}: not readable JSON (${(error as Error).message.split('\n')[0]})`);
  }
  // The file holds the keys themselves, so a stored '' or a missing key means "none", not "keep".
  const check = validateSettings(parsed, () => '');
  if (!check.ok) throw new SettingsFileError(`${file}: ${describe(check.issues)}`);
  return check.settings;
}

/**
 * The console's settings store. With a file, settings are read at start (a missing file means
 * defaults; a file of an older console, one API, is read as that one API) and every save
 * rewrites it whole with mode 0600, because it holds the 암호화 키. The write goes through a
 * temporary file and a rename, so a crash never leaves half a file.
 *
 * @example
 * const store = openSettingsStore('console.settings.json');
 * store.api('api-1')?.url
 */
export function openSettingsStore(file?: string): SettingsStore {
  let current = file !== undefined && existsSync(file) ? load(file) : defaultSettings();
  return {
    file,
    get: () => structuredClone(current),
    api: (id) => structuredClone(current.apis.find((a) => a.id === id)),
    set(settings) {
      if (file !== undefined) {
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
        // The mode option applies only when the file is created; a leftover temp file keeps its own.
        chmodSync(temp, 0o600);
        renameSync(temp, file);
      }
      current = structuredClone(settings);
    },
  };
}
