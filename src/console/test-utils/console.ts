/** A running console with its log captured, and a small client for its JSON API. */
import { startConsole, type RunningConsole } from '../server.js';

export interface ConsoleUnderTest {
  running: RunningConsole;
  url: string;
  /** Every line the console logged. */
  log: string[];
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string; json: T }>;
  close(): Promise<void>;
}

/**
 * Starts a console on a free loopback port.
 *
 * @example
 * const c = await startTestConsole({ settingsFile });
 * const { json } = await c.call('GET', '/api/settings');
 */
export async function startTestConsole(options: { settingsFile?: string } = {}): Promise<ConsoleUnderTest> {
  const log: string[] = [];
  const running = await startConsole({ port: 0, ...options, log: (line) => void log.push(line) });
  return {
    running,
    url: running.url,
    log,
    async call(method, path, body, headers = {}) {
      const response = await fetch(new URL(path, running.url), {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: unknown = {};
      try {
        json = JSON.parse(text);
      } catch {
        // Left empty: the test looks at `text`.
      }
      return { status: response.status, text, json: json as never };
    },
    close: () => running.close(),
  };
}
