import { signRequest } from '../protocol/sign.js';
import { intOption, parseCommand, readAll, schemeOption, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'sign',
  usage: `Usage: custlink sign --key K [--timestamp MS] [--scheme S] [--uri PATH] [--headers] < body.json

Reads the body from stdin byte for byte and prints the Authorization value.
  --key K          security key (or CUSTLINK_KEY)
  --timestamp MS   X-TC-Timestamp, epoch ms (default: now)
  --scheme S       body+timestamp (default) or uri+body+timestamp
  --uri PATH       request path, for uri+body+timestamp
  --headers        print "Authorization: ..." and "X-TC-Timestamp: ..." lines

Example:
  printf '{"callNum":"01012345678"}' | custlink sign --key "$KEY" --headers`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, {
      key: { type: 'string' },
      timestamp: { type: 'string' },
      scheme: { type: 'string' },
      uri: { type: 'string' },
      headers: { type: 'boolean' },
    });
    if (!args) return 0;
    const { values } = args;
    const key = values.key ?? io.env.CUSTLINK_KEY;
    if (!key) throw new UsageError('--key is required (or set CUSTLINK_KEY)');
    const scheme = schemeOption(values.scheme, false);
    if (scheme === 'uri+body+timestamp' && values.uri === undefined) {
      throw new UsageError('--scheme uri+body+timestamp needs --uri PATH');
    }
    const timestamp = intOption(values.timestamp, '--timestamp');
    const body = await readAll(io.stdin);
    const signed = signRequest({ key, body, timestamp, uri: values.uri, scheme });
    io.stdout.write(
      values.headers
        ? `Authorization: ${signed.authorization}\nX-TC-Timestamp: ${signed.timestamp}\n`
        : `${signed.authorization}\n`,
    );
    return 0;
  },
};
