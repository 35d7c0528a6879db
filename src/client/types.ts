import type { AgentMessage } from '../protocol/agent-message.js';
import type { ErrorEnvelope } from '../protocol/envelope.js';
import type { Scheme } from '../protocol/types.js';

/** How a client reaches one customer-info endpoint. */
export interface ClientOptions {
  /** The endpoint's URL (the helpdesk's 기본 URL), `https:` or, for local testing, `http:`. */
  url: string | URL;
  /** The security key (암호화 키). Without one, requests go unsigned (암호화 여부 = 아니오). */
  key?: string;
  /** Signature layout; `body+timestamp` (the guide's Java example) by default. */
  scheme?: Scheme;
  /** Hard limit for the whole exchange, connect to last response byte (default 5000). */
  timeoutMs?: number;
  /** Extra request headers, sent on every request. */
  headers?: Record<string, string>;
  /** Trusted CA certificate(s), PEM, e.g. for a self-signed test server. */
  ca?: string | Buffer | Array<string | Buffer>;
}

/** A request exactly as it went out. The Authorization value is redacted, so it is safe to log. */
export interface SentRequest {
  method: 'POST';
  url: string;
  /** Header names in lower case, values as sent (Authorization redacted). */
  headers: Record<string, string>;
  /** The body as sent, decoded as UTF-8 for display. */
  body: string;
  /** The number of body bytes sent. */
  bodyBytes: number;
}

/** How the helpdesk judges an answer: status, body and the agent's message. */
export interface Outcome {
  /** The HTTP status, or 0 when no HTTP answer arrived (timeout, refused, DNS, TLS). */
  status: number;
  /** True only for a 200 carrying a `{"data":{...}}` body: what the agent sees as 조회 성공. */
  ok: boolean;
  /** The result items of a 200 answer (values as received; the protocol says strings). */
  data?: Record<string, unknown>;
  /** The error envelope of a non-200 answer. */
  error?: ErrorEnvelope['error'];
  /** What the helpdesk shows the agent for this outcome. */
  agentMessage: AgentMessage;
  /** Why the outcome is an error for the helpdesk beyond its status (timeout, bad body, ...). */
  cause?: string;
}

/** The outcome of one request, as the helpdesk would judge it. Never thrown; always returned. */
export interface LookupResult extends Outcome {
  /** Lower-case response headers. */
  headers: Record<string, string>;
  /** The raw response body as text (at most 1 MiB is kept). */
  rawBody: string;
  durationMs: number;
  request: SentRequest;
}

/** A request to send as given; what the checker uses to tamper with one part at a time. */
export interface SendOptions {
  /** Sent byte for byte; a string is UTF-8 encoded once. */
  body: string | Uint8Array;
  /** `X-TC-Timestamp`: default now (strictly increasing per client); `null` leaves it out. */
  timestamp?: string | number | null;
  /**
   * `Authorization`: default the signature of exactly these bytes and this timestamp under the
   * client's key (left out without a key); a string is sent instead; `null` leaves it out.
   */
  authorization?: string | null;
  /** Extra headers for this request only; they win over the client's. */
  headers?: Record<string, string>;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
}

/** One customer-info endpoint, ready to be called. */
export interface Client {
  readonly url: URL;
  readonly scheme: Scheme;
  readonly timeoutMs: number;
  /** Whether requests are signed (a key was given). */
  readonly signed: boolean;
  /** POSTs the lookup items as JSON, signed, and reports what the agent would see. */
  lookup(items: Record<string, string>): Promise<LookupResult>;
  /** POSTs a body exactly as given; headers can be overridden or left out. */
  send(options: SendOptions): Promise<LookupResult>;
}
