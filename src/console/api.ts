import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKey } from '../protocol/generate-key.js';
import { testConnection } from './connection-test.js';
import { readJson, sendJson } from './http-utils.js';
import { apiError, RefusalError } from './issues.js';
import { keyView, settingsView } from './key-view.js';
import { runLookup } from './run-lookup.js';
import type { SettingsStore } from './settings-store.js';
import type { ApiLookupView, ApiSetting, ConsoleSettings, LookupView } from './types.js';
import { validateApi, validateSettings, type CurrentKey } from './validate-settings.js';

export interface ApiContext {
  store: SettingsStore;
  /**
   * Keys made by 예 or 키 변경 for an API that is not saved yet, by API id: taken by the next
   * save, so a key shown once is the key that gets saved.
   */
  pendingKeys: Map<string, string>;
  /** One line per event; never a key, a value or a body (lookup values are personal data). */
  log: (line: string) => void;
}

const INVALID_SETTINGS = { ko: '설정을 확인하세요. 저장하지 않았습니다.', en: 'Check the settings; nothing was saved.' };
const NO_SUCH_API = { ko: '저장된 API가 아닙니다. 먼저 저장하세요.', en: 'No saved API with that id; save first.' };

const currentKey = (ctx: ApiContext): CurrentKey => (id) => ctx.pendingKeys.get(id) ?? ctx.store.api(id)?.key ?? '';

function checked(input: unknown, ctx: ApiContext): ConsoleSettings {
  const check = validateSettings(input, currentKey(ctx));
  if (!check.ok) throw new RefusalError(400, apiError('invalid_settings', INVALID_SETTINGS, check.issues));
  return check.settings;
}

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
}

function savedApi(input: unknown, ctx: ApiContext): ApiSetting {
  const id = field(input, 'api');
  const api = typeof id === 'string' ? ctx.store.api(id) : undefined;
  if (api === undefined) throw new RefusalError(404, apiError('no_such_api', NO_SUCH_API));
  return api;
}

const outcome = (view: LookupView): string =>
  `HTTP ${view.status === 0 ? 'no answer' : view.status} (${view.message.en}) in ${view.elapsedMs} ms`;

type Handler = (req: IncomingMessage, ctx: ApiContext) => Promise<unknown>;

const ROUTES: Record<string, Handler> = {
  'GET /api/settings': async (_req, { store }) => settingsView(store.get()),
  'PUT /api/settings': async (req, ctx) => {
    // The page sends only its APIs: the sample tickets' customers (from `custlink demo`) stay.
    const { customers } = ctx.store.get();
    ctx.store.set({ ...(customers === undefined ? {} : { customers }), ...checked(await readJson(req), ctx) });
    ctx.pendingKeys.clear();
    ctx.log(`API 설정 saved${ctx.store.file === undefined ? ' (in memory)' : ` to ${ctx.store.file}`}`);
    return settingsView(ctx.store.get());
  },
  // 예 and 키 변경: a new key at once. A saved API keeps it at once too (Online Contact has no
  // grace period: the old key stops working now); an unsaved one gets it on its first save.
  'POST /api/key': async (req, ctx) => {
    const id = field(await readJson(req), 'api');
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw new RefusalError(400, apiError('bad_api_id', NO_SUCH_API));
    const key = generateKey();
    const settings = ctx.store.get();
    const api = settings.apis.find((a) => a.id === id);
    if (api === undefined) ctx.pendingKeys.set(id, key);
    else ctx.store.set({ apis: settings.apis.map((a) => (a.id === id ? { ...a, signing: true, key } : a)) });
    ctx.log(`new key for API ${id}${api === undefined ? ' (kept for its first save)' : ' saved'} (shown once on the page)`);
    return keyView(key, true);
  },
  // 복사: the page holds no key, so it asks for the one it copies.
  'POST /api/key/copy': async (req, ctx) => keyView(currentKey(ctx)(String(field(await readJson(req), 'api'))), true),
  'POST /api/lookup': async (req, ctx) => {
    const input = await readJson(req);
    const api = savedApi(input, ctx);
    const view: ApiLookupView = { ...(await runLookup(api, field(input, 'values'))), apiId: api.id, apiName: api.name };
    ctx.log(`lookup ${api.id} → ${outcome(view)}`);
    return view;
  },
  'POST /api/test': async (req, ctx) => {
    const check = validateApi(field(await readJson(req), 'api'), currentKey(ctx));
    if (!check.ok) throw new RefusalError(400, apiError('invalid_settings', INVALID_SETTINGS, check.issues));
    const view = await testConnection(check.api);
    ctx.log(`연결 테스트 ${check.api.id} → ${outcome(view)}`);
    return view;
  },
};

/**
 * Answers one /api request. Refusals carry a Korean and English message and field issues; an
 * unexpected failure is logged by message only and answered without any stack trace.
 *
 * @example
 * if (path.startsWith('/api/')) return handleApi(req, res, path, { store, pendingKeys, log });
 */
export async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, ctx: ApiContext): Promise<void> {
  const handler = ROUTES[`${req.method ?? 'GET'} ${path}`];
  if (handler === undefined) {
    const known = Object.keys(ROUTES).some((route) => route.endsWith(` ${path}`));
    sendJson(res, known ? 405 : 404, apiError(known ? 'method_not_allowed' : 'not_found', known ? { ko: '허용되지 않는 메서드입니다.', en: 'Method not allowed.' } : { ko: '없는 API입니다.', en: 'No such API.' }));
    return;
  }
  try {
    sendJson(res, 200, await handler(req, ctx));
  } catch (error) {
    if (error instanceof RefusalError) return sendJson(res, error.status, error.body);
    ctx.log(`internal error on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    sendJson(res, 500, apiError('internal', { ko: '콘솔 내부 오류가 발생했습니다.', en: 'The console failed; see its terminal.' }));
  }
}
