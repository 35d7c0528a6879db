import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { pathOf } from '../routing/path.js';
import { clientErrorListener, connectListener } from './client-error.js';
import { urlHost } from './address.js';
import { applyLimits, DEADLINE_CHECK_MS, readTls } from './server-settings.js';
import type { EndpointConfig } from '../config/types.js';
import type { EndpointOptions } from '../endpoint.js';
import { createBatchedWriter } from './batched-writer.js';
import { NodeRequest } from './node-request.js';
import { generation, keptOpen, retire } from './reload.js';
import { runningServer, shutdown, type RunningServer, type ServerState } from './running-server.js';

// What startServer resolves to; its users import both from here.
export type { RunningServer } from './running-server.js';

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
  const state: ServerState = { active: await generation(config, endpointOptions), closing: false };

  // While draining, each answered connection closes instead of waiting for another request.
  const writer = createBatchedWriter(
    () => state.closing,
    // The pipeline logged this request as answered; the log says too that the answer never left.
    (response) => state.active.endpoint.logger.info({ reqId: response.headers['x-request-id'], status: response.status }, 'answer not written: the client closed the connection first'),
  );
  // One async function per request instead of promise callbacks: nothing else is allocated.
  const onRequest = async (req: IncomingMessage, res: ServerResponse, expectsContinue?: boolean): Promise<void> => {
    // A request is answered by the endpoint that was active when it arrived, even across a reload.
    const seq = writer.arrived(req.socket);
    // Pipelined behind the answer that closes its connection: it would never be sent.
    if (seq === 0) return;
    const current = state.active;
    const { endpoint } = current;
    current.inFlight++;
    try {
      const request = new NodeRequest(req, pathOf(req.url), expectsContinue === true ? res : undefined);
      const response = await endpoint.handle(request);
      // A refusal answered while the client still holds its body back closes the connection: the
      // client may send the body anyway, and it would be read as the next request.
      if (request.bodyWithheld) res.shouldKeepAlive = false;
      writer.write(res, response, req.socket, seq);
    } catch (error) {
      // The pipeline never rejects; this is the last guard so a bug cannot crash the process.
      res.destroy(error instanceof Error ? error : undefined);
    } finally {
      if (--current.inFlight === 0 && current.retired) retire(current, state.active.replays);
    }
  };

  const serverOptions = { keepAliveTimeout: 5_000, connectionsCheckingInterval: DEADLINE_CHECK_MS };
  const server: Server = tls === undefined ? createHttpServer(serverOptions, onRequest) : createHttpsServer({ ...serverOptions, ...tls }, onRequest);
  applyLimits(server, config.limits);
  server.on('clientError', clientErrorListener(() => state.active.endpoint.logger));
  // A request is answered by the endpoint that was active when it arrived, even across a reload.
  server.on('connect', connectListener(async (request) => {
    const current = state.active;
    current.inFlight++;
    try {
      return await current.endpoint.handle(request);
    } finally {
      if (--current.inFlight === 0 && current.retired) retire(current, state.active.replays);
    }
  }));
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
    await shutdown(state, given);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls === undefined ? 'http' : 'https'}://${urlHost(config.listen.host)}:${port}`;
  return runningServer({ server, state, origin, port, endpointOptions, given, drainMs: options.drainMs ?? 10_000 });
}
