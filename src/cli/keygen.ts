import { generateKey } from '../protocol/generate-key.js';
import { intOption, parseCommand, type Command } from './command.js';

export const command: Command = {
  name: 'keygen',
  usage: `Usage: custlink keygen [--length N]

Prints a new key from the system CSPRNG: 24 lowercase hex characters, the helpdesk's format.
  --length N   hex characters, 16-256 (default 24)`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, { length: { type: 'string' } });
    if (!args) return 0;
    const length = intOption(args.values.length, '--length');
    if (length !== undefined && (length < 16 || length > 256)) {
      io.stderr.write('custlink keygen: --length must be from 16 to 256\n');
      return 2;
    }
    io.stdout.write(generateKey({ length }) + '\n');
    return 0;
  },
};
