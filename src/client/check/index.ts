export { runCheck } from './run.js';
export { formatReport } from './format.js';
export type { CheckOptions, CheckReport, ProbeResult, Verdict } from './types.js';
