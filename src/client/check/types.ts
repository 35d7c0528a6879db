import type { Scheme } from '../../protocol/types.js';
import type { Client, SentRequest } from '../types.js';

/** How a probe came out. `fail` means the helpdesk or its agents would be misled or exposed. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip';

export interface ProbeResult {
  /** Stable identifier, e.g. `wrong-key`, for scripts reading `--output json`. */
  id: string;
  title: string;
  expected: string;
  got: string;
  /** The HTTP status of the (last) answer, 0 for none; absent for probes that send nothing. */
  status?: number;
  /** What the helpdesk would show the agent for the answer (Korean, as shown; then English). */
  agent: { ko: string; en: string } | null;
  verdict: Verdict;
  /** Why the verdict, when it is not a plain pass. */
  note?: string;
  durationMs?: number;
  /** The (last) request as sent and the answer as received, both cut short and redacted for a report. */
  exchange?: Exchange;
  /** The `tls` probe's view of the TLS session, for an `https:` URL. */
  tls?: TlsFacts;
  /** The `latency` probe's timings. */
  latency?: LatencyFacts;
  /** The `found` probe: result items whose value looks like a whole phone number or e-mail address. */
  unmaskedLooking?: string[];
}

/** One request and its answer, fit to be shown: the signature redacted, long bodies cut, data values shortened. */
export interface Exchange {
  request: SentRequest;
  response: { status: number; headers: Record<string, string>; body: string; bodyBytes: number };
}

/** What the TLS handshake showed. `authorized` is what a client that checks certificates decides. */
export interface TlsFacts {
  protocol: string | null;
  cipher: string | null;
  subject: string | null;
  issuer: string | null;
  validTo: string | null;
  /** Whole days until the certificate expires (negative once expired). */
  daysToExpiry: number | null;
  /** Whether the certificate names the URL's host (subjectAltName, or CN without one). */
  hostnameMatch: boolean;
  authorized: boolean;
  /** Why the certificate is not trusted (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), or why no handshake. */
  error?: string;
}

/** Response times of N valid lookups, in ms (nearest-rank percentiles). */
export interface LatencyFacts {
  samplesMs: number[];
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface CheckOptions {
  url: string;
  key: string;
  /** Lookup items of a customer that exists: the endpoint must answer 200 with data. */
  found: Record<string, string>;
  /** Lookup items of a customer that does not exist: the endpoint must answer 400. */
  missing?: Record<string, string>;
  scheme?: Scheme;
  timeoutMs?: number;
  ca?: string | Buffer | Array<string | Buffer>;
  /** How many valid lookups the latency probe times (default 5). */
  lookups?: number;
  /** Called after each probe, e.g. to show progress. */
  onProbe?: (result: ProbeResult, index: number, total: number) => void;
}

export interface CheckReport {
  url: string;
  scheme: Scheme;
  timeoutMs: number;
  /** True when no probe failed (warnings allowed). */
  ok: boolean;
  summary: Record<Verdict, number>;
  probes: ProbeResult[];
}

/** What every probe gets: the client plus ways to sign requests as the helpdesk would (or not). */
export interface ProbeContext {
  client: Client;
  key: string;
  found: Record<string, string>;
  foundBody: string;
  missing: Record<string, string> | undefined;
  timeoutMs: number;
  ca: CheckOptions['ca'];
  /** How many valid lookups the latency probe times. */
  lookups: number;
  /** Signature of `body` + `timestamp` (any text) under `key` (default the real key). */
  sign(body: string | Uint8Array, timestamp: string, key?: string): string;
  /** A timestamp `offsetMs` from now never used before in this run, so no probe looks like a replay. */
  stamp(offsetMs?: number): string;
  /** The endpoint's clock minus ours, from its `Date` header, once known. */
  clockOffsetMs: number | undefined;
}

export type Probe = (ctx: ProbeContext) => Promise<ProbeResult>;
