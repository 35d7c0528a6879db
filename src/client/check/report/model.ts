import { agentMessage } from '../../../protocol/agent-message.js';
import { keyFingerprint } from '../../../protocol/key-fingerprint.js';
import type { CheckReport } from '../types.js';
import type { CheckReportDocument, Posture } from './schema.js';

/** Stands for the report's own SHA-256 while it is computed: the file is hashed with this in place. */
export const HASH_PLACEHOLDER = '0'.repeat(64);

/** The statuses the protocol gives the agent a message for, in the helpdesk's order. */
const STATUSES = [200, 400, 403, 404, 500];

export interface DocumentMeta {
  lang: 'ko' | 'en';
  generatedAt: Date;
  custlinkVersion: string;
  /** The key the check signed with: only its fingerprint is written. */
  key: string;
  posture?: Posture | undefined;
}

/**
 * The report's facts from a check run: verdict, probes, TLS, latency, the agent's message per
 * status, the posture when a config was given. `integrity.reportSha256` is the placeholder until
 * a renderer fills it in (`sealReport`).
 *
 * @example
 * const doc = buildDocument(await runCheck(options), { lang: 'ko', generatedAt: new Date(), custlinkVersion: '0.1.0', key });
 * doc.verdict // 'pass-with-warnings'
 */
export function buildDocument(report: CheckReport, meta: DocumentMeta): CheckReportDocument {
  const { summary } = report;
  const tlsProbe = report.probes.find((p) => p.id === 'tls');
  const latencyProbe = report.probes.find((p) => p.id === 'latency');
  const agentMessages = STATUSES.map((status) => ({
    status,
    ...agentMessage(status),
    // No answer, or a status the protocol does not list, shows the 500 message.
    probes: report.probes
      .filter((p) => p.status !== undefined && p.agent !== null && (STATUSES.includes(p.status) ? p.status : 500) === status)
      .map((p) => p.id),
  }));
  return {
    format: 'custlink-check-report/1',
    lang: meta.lang,
    endpoint: report.url,
    scheme: report.scheme,
    timeoutMs: report.timeoutMs,
    generatedAt: meta.generatedAt.toISOString(),
    custlinkVersion: meta.custlinkVersion,
    verdict: summary.fail > 0 ? 'fail' : summary.warn > 0 ? 'pass-with-warnings' : 'pass',
    summary,
    checkedKeyFingerprint: keyFingerprint(meta.key),
    probes: report.probes.map((p) => ({ ...p })),
    tls: tlsProbe?.tls ?? null,
    latency: latencyProbe?.latency ?? null,
    agentMessages,
    posture: meta.posture ?? null,
    integrity: {
      configSha256: meta.posture?.configSha256 ?? null,
      reportSha256: HASH_PLACEHOLDER,
      method: 'SHA-256 of this file as written, with this reportSha256 value replaced by 64 zeros (0000…0000)',
    },
  };
}

/**
 * Fills the report's own SHA-256 in: the text is hashed with the placeholder in place, then the
 * last placeholder (the footer's, or the JSON's `integrity`, which come last) is replaced.
 * To verify: put the 64 zeros back in that place and hash the file.
 *
 * @example
 * sealReport(renderedWithPlaceholder, sha256) // the same text with its hash in the footer
 */
export function sealReport(text: string, hash: (text: string) => string): string {
  const at = text.lastIndexOf(HASH_PLACEHOLDER);
  if (at < 0) throw new Error('sealReport: no hash placeholder in the report');
  return `${text.slice(0, at)}${hash(text)}${text.slice(at + HASH_PLACEHOLDER.length)}`;
}
