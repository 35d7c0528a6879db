import { printable } from '../printable.js';
import { formatTable } from '../table.js';
import type { CheckReport } from './types.js';

/**
 * The report as a table (probe, expected, got, what the agent sees, result), then the note of
 * every probe that did not simply pass, then one summary line.
 *
 * @example
 * process.stdout.write(formatReport(await runCheck(options)));
 */
export function formatReport(report: CheckReport): string {
  const rows = report.probes.map((p, i) => [
    String(i + 1),
    p.id,
    p.expected,
    p.got,
    p.agent?.ko ?? '-',
    p.verdict.toUpperCase(),
  ]);
  const table = formatTable(['#', 'probe', 'expected', 'got', 'agent sees', 'result'], rows);
  const notes = report.probes
    .map((p, i) => (p.note === undefined ? '' : printable(`  ${i + 1}. ${p.id} (${p.verdict}): ${p.title}: ${p.note}`)))
    .filter((line) => line !== '');
  const { pass, fail, warn, skip } = report.summary;
  const verdict = report.ok ? (warn > 0 ? 'OK with warnings' : 'OK') : 'FAILED';
  return [
    printable(`custlink check ${report.url} (scheme ${report.scheme}, timeout ${report.timeoutMs} ms)`),
    '',
    table,
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
    '',
    `${report.probes.length} probes: ${pass} pass, ${fail} fail, ${warn} warn, ${skip} skip: ${verdict}`,
    '',
  ].join('\n');
}
