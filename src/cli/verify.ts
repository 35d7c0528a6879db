import { verifyRequest } from '../protocol/verify.js';
import { intOption, parseCommand, readAll, schemeOption, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'verify',
  usage: `Usage: custlink verify --key K [--key K2 ...] --timestamp MS --authorization A
                       [--uri PATH] [--scheme S] [--now MS] [--tolerance MS] < body.json

Checks a request as the endpoint would. Exit 0 and "valid" when it verifies; exit 1 with the
reason (code and message) when it does not.
  --key K            accepted key; repeat for rotation (or CUSTLINK_KEY)
  --timestamp MS     the X-TC-Timestamp header value
  --authorization A  the Authorization header value
  --scheme S         body+timestamp (default), uri+body+timestamp or auto
  --uri PATH         request path, for the uri scheme
  --now MS           the receiver's clock (default: now)
  --tolerance MS     allowed skew either way (default 300000)`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, {
      key: { type: 'string', multiple: true },
      timestamp: { type: 'string' },
      authorization: { type: 'string' },
      scheme: { type: 'string' },
      uri: { type: 'string' },
      now: { type: 'string' },
      tolerance: { type: 'string' },
    });
    if (!args) return 0;
    const { values } = args;
    const keys = values.key ?? (io.env.CUSTLINK_KEY ? [io.env.CUSTLINK_KEY] : []);
    if (keys.length === 0) throw new UsageError('--key is required (or set CUSTLINK_KEY)');
    if (values.timestamp === undefined) throw new UsageError('--timestamp is required');
    if (values.authorization === undefined) throw new UsageError('--authorization is required');
    const result = verifyRequest({
      keys,
      body: await readAll(io.stdin),
      timestamp: values.timestamp,
      authorization: values.authorization,
      uri: values.uri,
      scheme: schemeOption(values.scheme, true),
      now: intOption(values.now, '--now'),
      toleranceMs: intOption(values.tolerance, '--tolerance'),
    });
    if (result.ok) {
      io.stdout.write(`valid (scheme ${result.scheme}, key #${result.keyIndex + 1})\n`);
      return 0;
    }
    io.stdout.write(`invalid: ${result.code}: ${result.message}\n`);
    return 1;
  },
};
