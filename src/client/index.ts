export { createClient, DEFAULT_TIMEOUT_MS } from './client.js';
export { redact, redactHeaders } from './redact.js';
export { formatReport, runCheck, type CheckOptions, type CheckReport, type ProbeResult, type Verdict } from './check/index.js';
export type { Client, ClientOptions, LookupResult, SendOptions, SentRequest } from './types.js';
