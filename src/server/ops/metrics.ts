import { Counter, Histogram, Registry } from 'prom-client';
import { CODES, VERIFY_FAILURES, type OutcomeCode, type VerifyFailure } from '../pipeline/outcomes.js';

const OUTCOMES = Object.keys(CODES) as OutcomeCode[];

/** The endpoint's metrics; the counting methods are plain array increments on the hot path. */
export interface EndpointMetrics {
  registry: Registry;
  /** Counts one answered request by its outcome (the status follows from the code). */
  request(code: OutcomeCode): void;
  /** Counts one request refused by verification (the verifier's codes, upper-cased, or a replay). */
  verifyFailure(code: VerifyFailure): void;
  /** Records the time one source lookup took. */
  lookupSeconds(seconds: number): void;
}

/**
 * Metrics in a registry of their own (never prom-client's global one, so several endpoints and
 * the host application do not collide). Counters are kept as plain numbers and copied into
 * prom-client at scrape time: prom-client hashes the labels on every `inc`, which is measurable
 * at tens of thousands of requests a second.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.request('OK');
 * const text = await metrics.registry.metrics(); // custlink_requests_total{status="200",code="OK"} 1
 */
export function createMetrics(): EndpointMetrics {
  const registry = new Registry();
  const requestCounts = new Map<OutcomeCode, number>(OUTCOMES.map((c) => [c, 0]));
  const verifyCounts = new Map<VerifyFailure, number>(VERIFY_FAILURES.map((c) => [c, 0]));

  new Counter({
    name: 'custlink_requests_total',
    help: 'API requests answered, by HTTP status and outcome code',
    labelNames: ['status', 'code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, count] of requestCounts) if (count > 0) this.inc({ status: String(CODES[code]), code }, count);
    },
  });
  new Counter({
    name: 'custlink_verify_failures_total',
    help: 'Requests that failed signature or timestamp verification, by code',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, count] of verifyCounts) if (count > 0) this.inc({ code }, count);
    },
  });
  const lookup = new Histogram({
    name: 'custlink_lookup_duration_seconds',
    help: 'Time the data source took to answer a lookup',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  return {
    registry,
    request(code) {
      requestCounts.set(code, (requestCounts.get(code) ?? 0) + 1);
    },
    verifyFailure(code) {
      verifyCounts.set(code, (verifyCounts.get(code) ?? 0) + 1);
    },
    lookupSeconds(seconds) {
      lookup.observe(seconds);
    },
  };
}
