import { formatReport } from '../client/check/format.js';
import { runCheck } from '../client/check/run.js';
import { connectionOptions, CONNECTION_FLAGS, itemsOption, usageErrors } from './helpdesk/options.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'check',
  usage: `Usage: custlink check URL --key K --found JSON [--missing JSON] [--scheme S] [--timeout MS]
                      [--ca FILE] [--output text|json]

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
  --output FORMAT  text (default) or json (for CI)`,
  async run(argv, io) {
    const args = parseCommand(
      this,
      argv,
      io,
      {
        ...CONNECTION_FLAGS,
        found: { type: 'string' },
        missing: { type: 'string' },
      },
      true,
    );
    if (!args) return 0;
    const { values, positionals } = args;
    const [url, ...extra] = positionals;
    if (url === undefined) throw new UsageError('URL is required: custlink check URL --key K --found JSON');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const { output, key, scheme, timeoutMs, ca } = await connectionOptions(values, io);
    if (key === undefined) throw new UsageError('--key is required (or set CUSTLINK_KEY)');
    if (values.found === undefined) throw new UsageError('--found is required, e.g. --found \'{"callNum":"01012345678"}\'');
    const found = itemsOption(values.found, '--found');
    const missing = values.missing === undefined ? undefined : itemsOption(values.missing, '--missing');
    const progress = output === 'text' && io.stderr.isTTY === true;
    const report = await usageErrors(() =>
      runCheck({
        url, key, found, missing, scheme, timeoutMs, ca,
        ...(progress ? { onProbe: (p, i, n) => void io.stderr.write(`\r\x1b[K[${i + 1}/${n}] ${p.id}`) } : {}),
      }),
    );
    if (progress) io.stderr.write('\r\x1b[K');
    io.stdout.write(output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? 0 : 1;
  },
};
