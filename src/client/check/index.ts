export { runCheck, PROBES } from './run.js';
export { formatReport } from './format.js';
export { isLoopback } from '../../utils/loopback.js';
export type { CheckOptions, CheckReport, ProbeResult, Verdict } from './types.js';
export { buildDocument, buildPosture, renderHtml, renderJson, checkReportJsonSchema } from './report/index.js';
export type { CheckReportDocument, DocumentMeta, Posture, PostureConfig } from './report/index.js';
export type { Exchange, LatencyFacts, TlsFacts } from './types.js';
