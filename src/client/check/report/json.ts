import { sha256 } from './posture.js';
import { sealReport } from './model.js';
import type { CheckReportDocument } from './schema.js';

/**
 * The JSON report: the document, pointing to the shipped schema, with its own SHA-256 filled in.
 *
 * @example
 * writeFileSync('check.json', renderJson(buildDocument(report, meta)));
 */
export function renderJson(doc: CheckReportDocument): string {
  const { $schema: _ignored, ...rest } = doc;
  const withSchema = { $schema: './node_modules/custlink/dist/check-report.schema.json', ...rest };
  return sealReport(`${JSON.stringify(withSchema, null, 2)}\n`, sha256);
}
