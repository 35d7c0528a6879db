import type pino from 'pino';
import type { Registry } from 'prom-client';
import type { ClusterView } from './vocabulary/cluster.js';
import type { EndpointConfig } from './config/types.js';
import type { ReplayStore } from './replay/types.js';
import type { EndpointPaths } from './routing/router.js';
import type { Handler, Source } from './types.js';

/**
 * A running endpoint, independent of any HTTP server. Every transport (`serve`'s node:http, the
 * Express, Fastify and fetch adapters) only translates its request in and the answer out: the
 * routing, the client address and the protocol are decided here, once.
 */
export interface Endpoint {
  config: EndpointConfig;
  /** The API path(s) and the ops paths, for transports that declare routes. */
  readonly paths: EndpointPaths;
  /**
   * Answers any request: each API's path through that API's pipeline, the ops paths for `ops.allowIps`,
   * anything else 404 (403 first for an address outside `allowIps`). The client address is
   * `remoteAddress`, or the one `listen.trustProxy` takes from `X-Forwarded-For`. Every answer
   * carries `X-Request-Id` (the caller's if it is a sane token, see `requestId`). Never rejects.
   */
  handle: Handler;
  /** This process's readiness (what `/readyz` checks outside a cluster): rejects when not ready. */
  ready(): Promise<void>;
  /** This endpoint's metrics (what `/metrics` shows outside a cluster). */
  registry: Registry;
  /** The endpoint's log, for the lines a transport writes itself (requests its HTTP parser refused). */
  logger: pino.Logger;
  /** Closes the source and the cache, and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Default: JSON lines on stdout through an asynchronous destination, at `log.level`. */
  logger?: pino.Logger;
  /** Default: the source the config names, opened read-only. For a config of one API only. */
  source?: Source;
  /** Sources by API name, for several APIs (a `function` source); an API not listed opens its own. */
  sources?: Readonly<Record<string, Source>>;
  /**
   * By API name: the store its `auth.replay` names, used only when that is set. Default: opened
   * here and closed with the endpoint. A store given here is the caller's: it outlives the
   * endpoint, as it must across a reload.
   *
   * @internal `startServer`'s reloads hand their stores on here; not for applications.
   */
  replays?: ReadonlyMap<string, ReplayStore>;
  /**
   * In a `serve --workers` worker: `/metrics` and `/readyz` answer for every worker.
   *
   * @internal Set by `custlink serve --workers` only.
   */
  cluster?: ClusterView;
  /**
   * Samples, through each API's open source, the stored values of the lookup items with
   * `normalize` and warns of those not in that form (`storedFormWarnings`). Only where a person
   * reads the start: `custlink serve` once at start and `serve --check`, not each reload, each
   * embedding adapter or each `--workers` worker (a query per API per build adds up). Default: off.
   *
   * @internal Set by `custlink serve` and `serve --check` only.
   */
  checkStoredForm?: boolean;
}
