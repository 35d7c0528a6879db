import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKey } from '../protocol/generate-key.js';
import { testConnection } from './connection-test.js';
import { readJson, sendJson } from './http-utils.js';
import { apiError, RefusalError } from './issues.js';
import { settingsView } from './key-view.js';
import { runLookup } from './run-lookup.js';
import type { SettingsStore } from './settings-store.js';
import type { ConsoleSettings, LookupView } from './types.js';
import { validateSettings } from './validate-settings.js';

export interface ApiContext {
  store: SettingsStore;
  /** One line per event; never a key, a value or a body (lookup values are personal data). */
  log: (line: string) => void;
}

const INVALID_SETTINGS = { ko: '설정을 확인하세요. 저장하지 않았습니다.', en: 'Check the settings; nothing was saved.' };

function checked(input: unknown, store: SettingsStore): ConsoleSettings {
  const check = validateSettings(input, store.get().key);
  if (!check.ok) throw new RefusalError(400, apiError('invalid_settings', INVALID_SETTINGS, check.issues));
  return check.settings;
}

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
}

const outcome = (view: LookupView): string =>
  `HTTP ${view.status === 0 ? 'no answer' : view.status} (${view.message.en}) in ${view.elapsedMs} ms`;

type Handler = (req: IncomingMessage, ctx: ApiContext) => Promise<unknown>;

const ROUTES: Record<string, Handler> = {
  'GET /api/settings': async (_req, { store }) => settingsView(store.get()),
  'PUT /api/settings': async (req, { store, log }) => {
    store.set(checked(await readJson(req), store));
    log(`API 설정 saved${store.file === undefined ? ' (in memory)' : ` to ${store.file}`}`);
    return settingsView(store.get());
  },
  // The new key is stored at once: it is shown only in this answer, and a key that was copied
  // into the endpoint's config but then lost by a reload would lock the developer out.
  'POST /api/key': async (_req, { store, log }) => {
    store.set({ ...store.get(), signing: true, key: generateKey() });
    log('new key generated and saved (shown once on the page)');
    return settingsView(store.get(), { reveal: true });
  },
  'POST /api/lookup': async (req, { store, log }) => {
    const view = await runLookup(store.get(), field(await readJson(req), 'values'));
    log(`lookup → ${outcome(view)}`);
    return view;
  },
  'POST /api/test': async (req, { store, log }) => {
    const input = field(await readJson(req), 'settings');
    const view = await testConnection(input === undefined ? store.get() : checked(input, store));
    log(`연결 테스트 → ${outcome(view)}`);
    return view;
  },
};

/**
 * Answers one /api request. Refusals carry a Korean and English message and field issues; an
 * unexpected failure is logged by message only and answered without any stack trace.
 *
 * @example
 * if (path.startsWith('/api/')) return handleApi(req, res, path, { store, log });
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
