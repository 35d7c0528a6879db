import { Counter, Histogram, Registry } from 'prom-client';
import { CODES, type OutcomeCode } from '../pipeline/responses.js';

const VERIFY_CODES = ['MISSING_TIMESTAMP', 'BAD_TIMESTAMP', 'STALE', 'FUTURE', 'MISSING_SIGNATURE', 'BAD_SIGNATURE', 'REPLAYED'] as const;
const OUTCOMES = Object.keys(CODES) as OutcomeCode[];

/** The endpoint's metrics; the counting methods are plain array increments on the hot path. */
export interface EndpointMetrics {
  registry: Registry;
  /** Counts one answered request by its outcome (the status follows from the code). */
  request(code: OutcomeCode): void;
  /** Counts one failed verification; `code` is one of the verifier's codes, upper-cased. */
  verifyFailure(code: OutcomeCode): void;
  /** Records the time one source lookup took. */
  lookupSeconds(seconds: number): void;
}

/** The endpoint's metrics, and one view of them per API, whose counts carry its `api` label. */
export interface EndpointsMetrics extends EndpointMetrics {
  /** What one API's pipeline counts with: the same registry, labelled `api="<name>"`. */
  forApi(api: string): EndpointMetrics;
}

/**
 * Metrics in a registry of their own (never prom-client's global one, so several endpoints and
 * the host application do not collide). Counters are kept as plain numbers and copied into
 * prom-client at scrape time: prom-client hashes the labels on every `inc`, which is measurable
 * at tens of thousands of requests a second. Each count carries the `api` label of the API that
 * answered (`""` for a path of none).
 *
 * @example
 * const metrics = createMetrics();
 * metrics.forApi('회원정보').request('OK');
 * const text = await metrics.registry.metrics(); // custlink_requests_total{status="200",code="OK",api="회원정보"} 1
 */
export function createMetrics(): EndpointsMetrics {
  const registry = new Registry();
  const requestCounts = new Map<string, Map<OutcomeCode, number>>();
  const verifyCounts = new Map<string, Map<OutcomeCode, number>>();

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
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const views = new Map<string, EndpointMetrics>();
  const forApi = (api: string): EndpointMetrics => {
    let view = views.get(api);
    if (view !== undefined) return view;
    const requests = new Map<OutcomeCode, number>(OUTCOMES.map((c) => [c, 0]));
    const verifies = new Map<OutcomeCode, number>(VERIFY_CODES.map((c) => [c, 0]));
    requestCounts.set(api, requests);
    verifyCounts.set(api, verifies);
    // Labelled once here, so an observation hashes no labels.
    const lookupOfApi = lookup.labels({ api });
    view = {
      registry,
      request(code) {
        requests.set(code, (requests.get(code) ?? 0) + 1);
      },
      verifyFailure(code) {
        verifies.set(code, (verifies.get(code) ?? 0) + 1);
      },
      lookupSeconds(seconds) {
        lookupOfApi.observe(seconds);
      },
    };
    views.set(api, view);
    return view;
  };
  return { ...forApi(''), forApi };
}
