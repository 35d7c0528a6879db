import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { formatReport } from '../client/check/format.js';
import { buildDocument } from '../client/check/report/model.js';
import { renderHtml } from '../client/check/report/html.js';
import { renderJson } from '../client/check/report/json.js';
import { buildPosture, type PostureConfig } from '../client/check/report/posture.js';
import { checkReportJsonSchema } from '../client/check/report/schema.js';
import { runCheck } from '../client/check/run.js';
import { ConfigError } from '../server/config/error.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { connectionOptions, CONNECTION_FLAGS, itemsOption, positive, usageErrors } from './helpdesk/options.js';
import { intOption, parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'check',
  usage: `Usage: custlink check URL --key K --found JSON [--missing JSON] [--scheme S] [--timeout MS]
                      [--ca FILE] [--output text|json] [--lookups N]
                      [--report FILE.html|FILE.json]... [--lang ko|en] [--config custlink.yaml]
       custlink check --report-schema

Runs conformance probes against a customer-info endpoint: a valid lookup, an unknown customer,
forged and stale signatures (403 each), clock skew inside the window, bad input, a 1 MiB body,
a replay, response time and TLS. Exit 0 when nothing failed (warnings allowed), 1 otherwise.
  --key K          the endpoint's security key (or CUSTLINK_KEY)
  --found JSON     lookup items of a customer that exists, e.g. '{"callNum":"01012345678"}'
                   (the first item is taken as required)
  --missing JSON   lookup items of a customer that does not exist
  --scheme S       body+timestamp (default) or uri+body+timestamp
  --timeout MS     per-request timeout (default 5000)
  --ca FILE        trust this CA certificate (PEM)
  --output FORMAT  text (default) or json (for CI)
  --lookups N      valid lookups the response-time probe times (default 5; 1 to 1000)
  --report FILE    also write the go-live report (점검 보고서): .html (self-contained, prints on
                   A4) or .json (custlink/check-report.schema.json); may be given twice. Written
                   also when a probe fails
  --lang L         the report's language: ko (default) or en
  --config FILE    the endpoint's custlink.yaml: adds its security posture to the report
                   (allowIps, replay, masks, key fingerprints, cache, audit) and its SHA-256
  --report-schema  print the JSON Schema of the JSON report and exit`,
  async run(argv, io) {
    const args = parseCommand(
      this,
      argv,
      io,
      {
        ...CONNECTION_FLAGS,
        found: { type: 'string' },
        missing: { type: 'string' },
        lookups: { type: 'string' },
        report: { type: 'string', multiple: true },
        lang: { type: 'string' },
        config: { type: 'string' },
        'report-schema': { type: 'boolean' },
      },
      true,
    );
    if (!args) return 0;
    const { values, positionals } = args;
    if (values['report-schema']) {
      io.stdout.write(`${JSON.stringify(checkReportJsonSchema(), null, 2)}\n`);
      return 0;
    }
    const [url, ...extra] = positionals;
    if (url === undefined) throw new UsageError('URL is required: custlink check URL --key K --found JSON');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const { output, key, scheme, timeoutMs, ca } = await connectionOptions(values, io);
    if (key === undefined) throw new UsageError('--key is required (or set CUSTLINK_KEY)');
    if (values.found === undefined) throw new UsageError('--found is required, e.g. --found \'{"callNum":"01012345678"}\'');
    const found = itemsOption(values.found, '--found');
    const missing = values.missing === undefined ? undefined : itemsOption(values.missing, '--missing');
    const lookups = positive(intOption(values.lookups, '--lookups'), '--lookups');
    if (lookups !== undefined && lookups > 1000) throw new UsageError('--lookups must be at most 1000');
    const reports = (values.report ?? []).map(reportTarget);
    const lang = langOption(values.lang);
    if (values.lang !== undefined && reports.length === 0) throw new UsageError('--lang goes with --report FILE');
    if (values.config !== undefined && reports.length === 0) throw new UsageError('--config goes with --report FILE');
    const config = values.config === undefined ? undefined : readConfig(values.config, io.env);
    const progress = output === 'text' && io.stderr.isTTY === true;
    const report = await usageErrors(() =>
      runCheck({
        url, key, found, missing, scheme, timeoutMs, ca,
        ...(lookups === undefined ? {} : { lookups }),
        ...(progress ? { onProbe: (p, i, n) => void io.stderr.write(`\r\x1b[K[${i + 1}/${n}] ${p.id}`) } : {}),
      }),
    );
    if (progress) io.stderr.write('\r\x1b[K');
    io.stdout.write(output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    if (reports.length > 0) {
      const posture = config && buildPosture({
        ...config,
        url: report.url,
        key,
        unmaskedLooking: report.probes.find((p) => p.id === 'found')?.unmaskedLooking ?? [],
      });
      const doc = buildDocument(report, { lang, generatedAt: new Date(), custlinkVersion: packageVersion(), key, posture });
      for (const target of reports) {
        await writeFile(target.file, target.kind === 'html' ? renderHtml(doc) : renderJson(doc));
        io.stderr.write(`custlink check: report written to ${target.file}\n`);
      }
    }
    return report.ok ? 0 : 1;
  },
};

function reportTarget(file: string): { file: string; kind: 'html' | 'json' } {
  const kind = /\.html?$/i.test(file) ? 'html' : /\.json$/i.test(file) ? 'json' : undefined;
  if (kind === undefined) throw new UsageError(`--report ${file}: the file name must end in .html or .json`);
  return { file, kind };
}

function langOption(value: string | undefined): 'ko' | 'en' {
  if (value === undefined || value === 'ko' || value === 'en') return value ?? 'ko';
  throw new UsageError(`--lang must be ko or en; got "${value}"`);
}

function readConfig(file: string, env: NodeJS.ProcessEnv): { config: PostureConfig; configText: Buffer; configFile: string } {
  try {
    return { config: loadConfigFile(file, env), configText: readFileSync(file), configFile: file };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--config ${error.message}`);
    throw error;
  }
}

// Read here rather than from ./index.js, which imports this command (no import cycle).
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
