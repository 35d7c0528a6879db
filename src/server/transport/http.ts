import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathOf } from '../routing/path.js';
import { ConfigError } from '../config/error.js';
import { clientErrorListener } from './client-error.js';
import { drain } from './drain.js';
import { applyLimits, DEADLINE_CHECK_MS, readTls, urlHost } from './listen.js';
import type { EndpointConfig } from '../config/types.js';
import type { Endpoint, EndpointOptions } from '../endpoint.js';
import { createBatchedWriter } from './batched-writer.js';
import { NodeRequest } from './node-request.js';
import { closeUnless, generation, keptOpen, needsRestart, retire } from './reload.js';
import type { EndpointResponse } from '../types.js';

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
   * Stops accepting and answers every request already sent, also on kept-alive connections, with
   * `Connection: close`; closes connections idle for `limits.drainIdleMs`, cuts what is left
   * after `drainMs`, then closes the source.
   */
  close(): Promise<void>;
}

export interface StartServerOptions extends EndpointOptions {
  /** How long `close()` waits for connections to finish before cutting them (default 10 s). */
  drainMs?: number;
}

/**
 * Starts the endpoint on plain `node:http` (or `node:https` with `listen.tls`): no framework
 * between the socket and the pipeline. Port 0 picks a free port.
 *
 * @example
 * const server = await startServer(loadConfigFile('custlink.yaml'));
 * console.log(server.url);
 * process.once('SIGTERM', () => void server.close());
 */
export async function startServer(config: EndpointConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const tls = config.listen.tls === undefined ? undefined : readTls(config.listen.tls);
  // A source the caller passed is the caller's: it outlives reloads and closes with the server.
  const given = [...(options.source === undefined ? [] : [options.source]), ...Object.values(options.sources ?? {})];
  const endpointOptions: EndpointOptions = {
    ...options,
    ...(options.source && { source: keptOpen(options.source) }),
    ...(options.sources && { sources: Object.fromEntries(Object.entries(options.sources).map(([name, source]) => [name, keptOpen(source)])) }),
  };
  let active = await generation(config, endpointOptions);
  let closing = false;

  // While draining, each answered connection closes instead of waiting for another request.
  const write = createBatchedWriter(() => closing);
  // One async function per request instead of promise callbacks: nothing else is allocated.
  const onRequest = async (req: IncomingMessage, res: ServerResponse, expectsContinue?: boolean): Promise<void> => {
    // A request is answered by the endpoint that was active when it arrived, even across a reload.
    const current = active;
    const { endpoint } = current;
    current.inFlight++;
    try {
      const request = new NodeRequest(req, pathOf(req.url), expectsContinue === true ? res : undefined);
      const response = await endpoint.handle(request);
      write(res, request.bodyWithheld ? withheld(res, true, response) : response);
    } catch (error) {
      // The pipeline never rejects; this is the last guard so a bug cannot crash the process.
      res.destroy(error instanceof Error ? error : undefined);
    } finally {
      if (--current.inFlight === 0 && current.retired) retire(current, active.replays);
    }
  };

  const serverOptions = { keepAliveTimeout: 5_000, connectionsCheckingInterval: DEADLINE_CHECK_MS };
  const server: Server = tls === undefined ? createHttpServer(serverOptions, onRequest) : createHttpsServer({ ...serverOptions, ...tls }, onRequest);
  applyLimits(server, config.limits);
  server.on('clientError', clientErrorListener(() => active.endpoint.logger));
  // Without this listener node:http sends `100 Continue` at once, and a client that asked first
  // uploads the body of a request the header checks are about to refuse.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => void onRequest(req, res, true));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.listen.port, config.listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await active.endpoint.close();
    await closeUnless(active.replays, new Map());
    await Promise.all(given.map((source) => source.close()));
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls === undefined ? 'http' : 'https'}://${urlHost(config.listen.host)}:${port}`;

  let closed: Promise<void> | undefined;
  const drainMs = options.drainMs ?? 10_000;
  return {
    get url() {
      return origin + active.endpoint.config.apis[0]!.path;
    },
    get apis() {
      return active.endpoint.config.apis.map(({ name, path }) => ({ name, url: origin + path }));
    },
    port,
    get endpoint() {
      return active.endpoint;
    },
    async reload(next) {
      if (closing) throw new ConfigError([{ path: '', message: 'the server is stopping' }]);
      const restart = needsRestart(active.endpoint.config, next);
      if (restart.length > 0) throw new ConfigError(restart.map((key) => ({ path: key, message: 'changed; this needs a restart, not a reload' })));
      const nextTls = next.listen.tls === undefined ? undefined : readTls(next.listen.tls);
      // The stored-form check was the start's; a reload does not query the sources for it again.
      const replacement = await generation(next, { ...endpointOptions, checkStoredForm: false }, active.replays);
      // Only once the new endpoint is up: a failed reload leaves the old certificate in place too.
      if (nextTls !== undefined && 'setSecureContext' in server) (server as HttpsServer).setSecureContext(nextTls);
      const previous = active;
      active = replacement;
      applyLimits(server, next.limits);
      previous.retired = true;
      if (previous.inFlight === 0) retire(previous, active.replays);
    },
    close() {
      closed ??= (async () => {
        closing = true;
        await drain(server, active.endpoint.config.limits.drainIdleMs, drainMs);
        await active.endpoint.close();
        await closeUnless(active.replays, new Map());
        await Promise.all(given.map((source) => source.close()));
      })();
      return closed;
    },
  };
}

/**
 * A refusal answered while the client still holds its body back: the connection closes, since
 * the client may send the body anyway and it would be read as the next request.
 */
function withheld(res: ServerResponse, expectsContinue: boolean | undefined, response: EndpointResponse): EndpointResponse {
  if (expectsContinue === true) res.shouldKeepAlive = false;
  return response;
}
