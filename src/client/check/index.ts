export { runCheck, PROBES } from './run.js';
export { formatReport } from './format.js';
export { isLoopback } from '../../utils/loopback.js';
export type { CheckOptions, CheckReport, ProbeResult, Verdict } from './types.js';
