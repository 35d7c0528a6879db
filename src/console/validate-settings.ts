import type { z } from 'zod';
import { apiInputSchema, settingsInputSchema, type ApiInput } from './settings-schema.js';
import { bi, splitMessage } from './settings-messages.js';
import type { ApiSetting, ConsoleSettings, FieldIssue } from './types.js';

export type SettingsCheck = { ok: true; settings: ConsoleSettings } | { ok: false; issues: FieldIssue[] };
export type ApiCheck = { ok: true; api: ApiSetting } | { ok: false; issues: FieldIssue[] };

/** The key an API has now (saved, or made by 예 before the first save); '' for none. */
export type CurrentKey = (apiId: string) => string;

const FALLBACK = bi('값이 올바르지 않습니다.', 'Invalid value.');

/**
 * A zod path as the page's `data-path` names fields: `apis[0].lookupItems[1].maxLength`.
 *
 * @example
 * fieldPath(['apis', 0, 'lookupItems', 1, 'maxLength']) // 'apis[0].lookupItems[1].maxLength'
 */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? String(part) : `${out}.${String(part)}`), '');
}

function issuesOf(error: z.ZodError, prefix: PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ path: fieldPath([...prefix, ...issue.path]), ...splitMessage(issue.message) }));
}

function withKey(api: ApiInput, currentKey: CurrentKey, at: PropertyKey[]): { api: ApiSetting; issues: FieldIssue[] } {
  const { key: given, ...rest } = api;
  // The page never holds a saved key: absent or '' keeps the one the console has for this API.
  const key = given !== undefined && given !== '' ? given : currentKey(api.id);
  const issues =
    api.signing && key === ''
      ? [{ path: fieldPath([...at, 'key']), ko: '암호화 여부가 "예"이면 암호화 키가 필요합니다. "예"를 다시 누르거나 키를 입력하세요.', en: 'Signing is on but there is no key: choose 예 again or enter one.' }]
      : [];
  return { api: { ...rest, key }, issues };
}

/**
 * Checks the API 설정 the page sends (untrusted JSON) with the settings schema and merges each
 * API's key. Every problem comes back at once, with its field path and a Korean and English
 * message.
 *
 * @example
 * const check = validateSettings(await readJson(req), (id) => keys.get(id) ?? '');
 * if (!check.ok) return send(res, 400, apiError('invalid_settings', MESSAGE, check.issues));
 */
export function validateSettings(input: unknown, currentKey: CurrentKey): SettingsCheck {
  const parsed = settingsInputSchema.safeParse(input, { error: () => FALLBACK });
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const checked = parsed.data.apis.map((api, i) => withKey(api, currentKey, ['apis', i]));
  const issues = checked.flatMap((c) => c.issues);
  if (issues.length > 0) return { ok: false, issues };
  const { customers } = parsed.data;
  return { ok: true, settings: { apis: checked.map((c) => c.api), ...(customers === undefined ? {} : { customers }) } };
}

/**
 * Checks one API (연결 테스트 of unsaved settings); paths start at the API (`url`, `lookupItems[0].name`).
 *
 * @example
 * validateApi(body.api, (id) => store.keyOf(id))
 */
export function validateApi(input: unknown, currentKey: CurrentKey): ApiCheck {
  const parsed = apiInputSchema.safeParse(input, { error: () => FALLBACK });
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const { api, issues } = withKey(parsed.data, currentKey, []);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, api };
}

/**
 * Reads a settings file of an older console (one API at the top level) as one API named
 * `API 1`; a current file passes unchanged.
 *
 * @example
 * migrateSettings({ url: 'http://127.0.0.1:8080/', key }) // { apis: [{ id: 'api-1', name: 'API 1', url: ..., key }] }
 */
export function migrateSettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || 'apis' in raw) return raw;
  return { apis: [{ id: 'api-1', name: 'API 1', ...raw }] };
}
