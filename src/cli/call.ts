import { createClient } from '../client/client.js';
import { printableJson } from '../client/printable.js';
import { bodyFrom } from './helpdesk/body.js';
import { formatResult, resultJson } from './helpdesk/format-result.js';
import { connectionOptions, CONNECTION_FLAGS, usageErrors } from './helpdesk/options.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'call',
  usage: `Usage: custlink call URL [--key K] [--scheme S] [--timeout MS] [--ca FILE] [--output text|json]
                     (name=value ... | --json '{...}' | --body-file F)

POSTs lookup items to a customer-info endpoint as the helpdesk does, signed, and shows what the
agent would see. Exit 0 on 200 with data, 1 otherwise, 2 on a usage error.
  name=value       lookup items, e.g. callNum=01012345678 nation=korea
  --json JSON      the body as typed (must be a JSON object)
  --body-file F    send the file's bytes exactly as they are (- for stdin)
  --key K          security key (or CUSTLINK_KEY); without one the request is unsigned
  --scheme S       body+timestamp (default) or uri+body+timestamp
  --timeout MS     give up after MS milliseconds (default 5000)
  --ca FILE        trust this CA certificate (PEM), e.g. for a self-signed test server
  --output FORMAT  text (default) or json

Example:
  custlink call https://crm.example.com/oc/customer --key "$KEY" callNum=01012345678 nation=korea`,
  async run(argv, io) {
    const args = parseCommand(
      this,
      argv,
      io,
      {
        ...CONNECTION_FLAGS,
        json: { type: 'string' },
        'body-file': { type: 'string' },
      },
      true,
    );
    if (!args) return 0;
    const { values, positionals } = args;
    const [url, ...items] = positionals;
    if (url === undefined) throw new UsageError('URL is required: custlink call URL name=value ...');
    const { output, key, scheme, timeoutMs, ca } = await connectionOptions(values, io);
    const body = await bodyFrom({ items, json: values.json, file: values['body-file'] }, io);
    const client = await usageErrors(() => createClient({ url, key, scheme, timeoutMs, ca }));
    if (!client.signed) io.stderr.write('note: no --key or CUSTLINK_KEY: sending unsigned (API 암호화 여부 = 아니오)\n');
    const result = await client.send({ body });
    io.stdout.write(output === 'json' ? `${printableJson(JSON.stringify(resultJson(result), null, 2))}\n` : formatResult(result));
    return result.ok ? 0 : 1;
  },
};
