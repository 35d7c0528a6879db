import { Counter, Histogram, Registry } from 'prom-client';
import { CODES, VERIFY_FAILURES, type OutcomeCode, type VerifyFailure } from '../vocabulary/outcomes.js';
import { processRegistry } from './process-metrics.js';

const OUTCOMES = Object.keys(CODES) as OutcomeCode[];
const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What one API's pipeline counts with; the counting methods are plain map increments on the hot path. */
export interface EndpointMetrics {
  registry: Registry;
  /** Counts one answered request by its outcome (the status follows from the code) and records how long it took. */
  request(code: OutcomeCode, seconds: number): void;
  /** Counts one request refused by verification (the verifier's codes, upper-cased, or a replay). */
  verifyFailure(code: VerifyFailure): void;
  /** Records the time one source lookup took. */
  lookupSeconds(seconds: number): void;
  /** Counts one cache event (`cache`): a hit, a miss, an entry evicted to make room, a store that failed. */
  cache(event: CacheEvent): void;
}

/** The endpoint's metrics, and one view of them per API, whose counts carry its `api` label. */
export interface EndpointsMetrics extends EndpointMetrics {
  /** What one API's pipeline counts with: the same registry, labelled `api="<name>"`. */
  forApi(api: string): EndpointMetrics;
}

type CacheEvent = 'hits' | 'misses' | 'evictions' | 'errors';
const CACHE_EVENTS: readonly CacheEvent[] = ['hits', 'misses', 'evictions', 'errors'];

/**
 * Metrics in a registry of their own (never prom-client's global one, so several endpoints and
 * the host application do not collide), shown with the process's own (`processRegistry`).
 * Counters are kept as plain numbers and copied into prom-client at scrape time: prom-client
 * hashes the labels on every `inc`, which is measurable at tens of thousands of requests a
 * second. Each count carries the `api` label of the API that answered (`""` for a path of none).
 *
 * @example
 * const metrics = createMetrics();
 * metrics.forApi('회원정보').request('OK', 0.0004);
 * const text = await metrics.registry.metrics(); // custlink_requests_total{status="200",code="OK",api="회원정보"} 1
 */
export function createMetrics(options: { cache?: boolean; auditFailures?: () => number } = {}): EndpointsMetrics {
  const registry = new Registry();
  const cacheCounts = new Map<CacheEvent, number>(CACHE_EVENTS.map((e) => [e, 0]));
  const requestCounts = new Map<string, Map<OutcomeCode, number>>();
  const verifyCounts = new Map<string, Map<VerifyFailure, number>>();

  new Counter({
    name: 'custlink_requests_total',
    help: 'API requests answered, by HTTP status, outcome code and API',
    labelNames: ['status', 'code', 'api'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [api, counts] of requestCounts) for (const [code, count] of counts) if (count > 0) this.inc({ status: String(CODES[code]), code, api }, count);
    },
  });
  new Counter({
    name: 'custlink_verify_failures_total',
    help: 'Requests that failed signature or timestamp verification, by code and API',
    labelNames: ['code', 'api'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [api, counts] of verifyCounts) for (const [code, count] of counts) if (count > 0) this.inc({ code, api }, count);
    },
  });
  const lookup = new Histogram({
    name: 'custlink_lookup_duration_seconds',
    help: 'Time the data source took to answer a lookup, by API',
    labelNames: ['api'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'custlink_request_duration_seconds',
    help: 'Time from the request to its answer (body read, verification, lookup), by HTTP status class',
    labelNames: ['status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  if (options.cache === true) {
    for (const event of CACHE_EVENTS) {
      new Counter({
        name: `custlink_cache_${event}_total`,
        help: `Lookup cache ${event} (cache)`,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(cacheCounts.get(event)!);
        },
      });
    }
  }
  const { auditFailures } = options;
  if (auditFailures !== undefined) {
    new Counter({
      name: 'custlink_audit_write_failures_total',
      help: 'Access records (audit) that could not be written; with onFailure refuse, each was a 500 AUDIT_WRITE_FAILED',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(auditFailures());
      },
    });
  }
  // Bound once: a child skips the label check of a labelled observe (0.9 against 1.8 us here).
  const durationByClass = ['1xx', '2xx', '3xx', '4xx', '5xx'].map((status) => duration.labels({ status }));
  const merged = Registry.merge([registry, processRegistry()]);

  const views = new Map<string, EndpointMetrics>();
  const forApi = (api: string): EndpointMetrics => {
    let view = views.get(api);
    if (view !== undefined) return view;
    const requests = new Map<OutcomeCode, number>(OUTCOMES.map((c) => [c, 0]));
    const verifies = new Map<VerifyFailure, number>(VERIFY_FAILURES.map((c) => [c, 0]));
    requestCounts.set(api, requests);
    verifyCounts.set(api, verifies);
    const lookupOfApi = lookup.labels({ api });
    view = {
      registry: merged,
      request(code, seconds) {
        requests.set(code, (requests.get(code) ?? 0) + 1);
        durationByClass[Math.floor(CODES[code] / 100) - 1]!.observe(seconds);
      },
      verifyFailure(code) {
        verifies.set(code, (verifies.get(code) ?? 0) + 1);
      },
      lookupSeconds(seconds) {
        lookupOfApi.observe(seconds);
      },
      cache(event) {
        cacheCounts.set(event, cacheCounts.get(event)! + 1);
      },
    };
    views.set(api, view);
    return view;
  };
  return { ...forApi(''), forApi };
}

/** Why the `serve --workers` primary replaced a worker it had not seen die. */
type ReplaceReason = 'heartbeat';

/** The `serve --workers` primary's own counts, added to the workers' sum on `/metrics`. */
export interface ClusterMetrics {
  registry: Registry;
  /** Counts one worker killed and replaced by the primary. */
  replaced(reason: ReplaceReason): void;
}

/**
 * The primary's metrics: `custlink_workers_replaced_total{reason}`, at 0 from the start so an
 * alert on its increase sees the first replacement.
 *
 * @example
 * const metrics = createClusterMetrics();
 * metrics.replaced('heartbeat');
 * await metrics.registry.metrics(); // custlink_workers_replaced_total{reason="heartbeat"} 1
 */
export function createClusterMetrics(): ClusterMetrics {
  const registry = new Registry();
  const replaced = new Counter({
    name: 'custlink_workers_replaced_total',
    help: 'serve --workers: workers the primary killed and started again, by reason (heartbeat: silent past limits.workerHeartbeatTimeoutMs)',
    labelNames: ['reason'],
    registers: [registry],
  });
  replaced.inc({ reason: 'heartbeat' }, 0);
  return { registry, replaced: (reason) => replaced.inc({ reason }) };
}
