import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback } from '../utils/loopback.js';
import { handleApi } from './api.js';
import { loadBrowserModules, type BrowserModules } from './assets.js';
import { DEFAULT_CONSOLE_PORT } from './defaults.js';
import { apiError } from './issues.js';
import { sameOrigin, send, sendJson } from './http-utils.js';
import { PAGE_HTML } from './page/html.js';
import { PAGE_CSS } from './page/styles.js';
import { openSettingsStore, type SettingsStore } from './settings-store.js';

export interface ConsoleOptions {
  /** Default 127.0.0.1. Anything else exposes a page that holds the key: see `isLoopback`. */
  host?: string;
  /** Default 18090; 0 picks a free port. */
  port?: number;
  /** A JSON file to keep the settings in (mode 0600); memory only when absent. */
  settingsFile?: string;
  /** One line per event (never a key or a body). */
  log?: (line: string) => void;
}

export interface RunningConsole {
  /** The page's URL, e.g. `http://127.0.0.1:18090/`. */
  url: string;
  port: number;
  store: SettingsStore;
  close(): Promise<void>;
}

function route(req: IncomingMessage, res: ServerResponse, modules: BrowserModules): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, apiError('method_not_allowed', { ko: '허용되지 않는 메서드입니다.', en: 'Method not allowed.' }));
  } else if (path === '/' || path === '/index.html') send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
  else if (path === '/assets/console.css') send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
  // Browsers ask for it on their own; an empty answer keeps a 404 out of the developer's console.
  else if (path === '/favicon.ico') send(res, 204, 'image/x-icon', '');
  else {
    const code = path.startsWith('/assets/') ? modules.get(path.slice('/assets/'.length)) : undefined;
    if (code === undefined) send(res, 404, 'text/plain; charset=utf-8', 'not found');
    else send(res, 200, 'text/javascript; charset=utf-8', code);
  }
}

/**
 * Starts the console: the helpdesk's API 설정 and ticket screen as a local page, and the JSON
 * API behind it. It never logs a key, a lookup value or a body.
 *
 * @example
 * const running = await startConsole({ port: 0, settingsFile: 'console.json' });
 * console.log(`open ${running.url}`);
 * await running.close();
 */
export async function startConsole(options: ConsoleOptions = {}): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1';
  const store = openSettingsStore(options.settingsFile);
  const modules = await loadBrowserModules();
  const log = options.log ?? (() => undefined);
  const loopback = isLoopback(host);
  const pendingKeys = new Map<string, string>();
  let port = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!sameOrigin(req, { port, loopback })) {
      sendJson(res, 403, apiError('foreign_origin', { ko: '다른 사이트에서 온 요청은 받지 않습니다.', en: 'Requests from other sites are refused.' }));
    } else if (path.startsWith('/api/')) void handleApi(req, res, path, { store, pendingKeys, log });
    else route(req, res, modules);
  });
  // A developer's browser keeps connections open; close() must not wait for it to let go.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_CONSOLE_PORT, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
