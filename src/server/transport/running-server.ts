import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { ConfigError } from '../config/error.js';
import type { EndpointConfig } from '../config/types.js';
import type { Endpoint, EndpointOptions } from '../endpoint.js';
import type { Source } from '../types.js';
import { drain } from './drain.js';
import { applyLimits, readTls } from './server-settings.js';
import { closeUnless, generation, needsRestart, retire, type Generation } from './reload.js';

/* A server's life once it listens: a reload swaps the generation that answers; close drains. */

export interface RunningServer {
  /** The (first) API's URL, e.g. `http://127.0.0.1:8080/` (a reload may change its path). */
  readonly url: string;
  /** Each API's name and URL, in the config's order (a reload may change them). */
  readonly apis: readonly { name: string; url: string }[];
  port: number;
  /** The endpoint answering now (a reload replaces it). */
  readonly endpoint: Endpoint;
  /**
   * Applies a new config without dropping a request (`custlink serve` on SIGHUP): keys, items,
   * source, result, limits, log level, and the TLS files read again (renewed certificates). The
   * new endpoint answers every request that arrives from then on; the old one closes once its
   * requests are answered. Rejects with a `ConfigError`, the old config still serving, when the
   * new one cannot start or changes what needs a restart (`listen.host`, `listen.port`, TLS on/off).
   */
  reload(config: EndpointConfig): Promise<void>;
  /**
   * Stops accepting and answers every request already sent, also on kept-alive connections and
   * every one pipelined on a connection, the last answer on each with `Connection: close`;
   * closes connections idle for `limits.drainIdleMs`, cuts what is left after `drainMs`, then
   * closes the source.
   */
  close(): Promise<void>;
}

/** Shared by the request handler and the lifecycle: one object, so a request reads a reload's generation without a call. */
export interface ServerState {
  /** The generation a request arriving now goes to. */
  active: Generation;
  /** Set by `close()`: from then on each answered connection closes. */
  closing: boolean;
}

export interface Listening {
  server: Server;
  state: ServerState;
  origin: string;
  port: number;
  /** The start's: a reload builds its endpoint from them too. */
  endpointOptions: EndpointOptions;
  /** The caller's own sources: no generation closes them, only `close()`. */
  given: readonly Source[];
  drainMs: number;
}

/**
 * The handle `startServer` returns once the server listens.
 *
 * @example
 * return runningServer({ server, state, origin, port, endpointOptions, given, drainMs: 10_000 });
 */
export function runningServer({ server, state, origin, port, endpointOptions, given, drainMs }: Listening): RunningServer {
  let closed: Promise<void> | undefined;
  return {
    get url() {
      return origin + state.active.endpoint.config.apis[0]!.path;
    },
    get apis() {
      return state.active.endpoint.config.apis.map(({ name, path }) => ({ name, url: origin + path }));
    },
    port,
    get endpoint() {
      return state.active.endpoint;
    },
    async reload(next) {
      if (state.closing) throw new ConfigError([{ path: '', message: 'the server is stopping' }]);
      const restart = needsRestart(state.active.endpoint.config, next);
      if (restart.length > 0) throw new ConfigError(restart.map((key) => ({ path: key, message: 'changed; this needs a restart, not a reload' })));
      const nextTls = next.listen.tls === undefined ? undefined : readTls(next.listen.tls);
      // The stored-form check was the start's; a reload does not query the sources for it again.
      const replacement = await generation(next, { ...endpointOptions, checkStoredForm: false }, state.active.replays);
      // Only once the new endpoint is up: a failed reload leaves the old certificate in place too.
      if (nextTls !== undefined && 'setSecureContext' in server) (server as HttpsServer).setSecureContext(nextTls);
      const previous = state.active;
      state.active = replacement;
      applyLimits(server, next.limits);
      previous.retired = true;
      if (previous.inFlight === 0) retire(previous, state.active.replays);
    },
    close() {
      closed ??= (async () => {
        state.closing = true;
        await drain(server, state.active.endpoint.config.limits.drainIdleMs, drainMs);
        await shutdown(state, given);
      })();
      return closed;
    },
  };
}

/**
 * Closes the active endpoint, every replay store and the caller's sources: after the drain, or
 * when the server could not listen.
 *
 * @example
 * await shutdown(state, given);
 */
export async function shutdown(state: ServerState, given: readonly Source[]): Promise<void> {
  await state.active.endpoint.close();
  await closeUnless(state.active.replays, new Map());
  await Promise.all(given.map((source) => source.close()));
}
