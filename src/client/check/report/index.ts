export { buildDocument, sealReport, HASH_PLACEHOLDER, type DocumentMeta } from './model.js';
export { renderHtml, escapeHtml } from './html.js';
export { renderJson } from './json.js';
export { buildPosture, sha256, type PostureConfig, type PostureInput } from './posture.js';
export { checkReportJsonSchema, checkReportDocumentSchema, type CheckReportDocument, type Posture } from './schema.js';
export { histogramSvg, type HistogramOptions } from './svg-histogram.js';
