import type { Scheme } from '../../protocol/types.js';
import type { Client } from '../types.js';

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
  /** Signature of `body` + `timestamp` (any text) under `key` (default the real key). */
  sign(body: string | Uint8Array, timestamp: string, key?: string): string;
  /** A timestamp `offsetMs` from now never used before in this run, so no probe looks like a replay. */
  stamp(offsetMs?: number): string;
  /** The endpoint's clock minus ours, from its `Date` header, once known. */
  clockOffsetMs: number | undefined;
}

export type Probe = (ctx: ProbeContext) => Promise<ProbeResult>;
