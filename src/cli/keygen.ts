import { generateKey } from '../protocol/generate-key.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import { intOption, parseCommand, readAll, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'keygen',
  usage: `Usage: custlink keygen [--length N]
       custlink keygen --fingerprint [--key K] < key.txt

Prints a new key from the system CSPRNG: 24 lowercase hex characters, the helpdesk's format.
It also makes the audit key (audit.key) that keys the 접속기록's subject hashes:
  custlink keygen --length 64 > audit.key   (keep it apart from the records; custlink audit search needs it)
  --length N      hex characters, 16-256 (default 24)
  --fingerprint   print the fingerprint of an existing key instead (8 hex characters of its
                  SHA-256), read from --key or stdin: compare it with the one custlink console
                  shows for its 암호화 키, and with the ones custlink serve prints at start`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, { length: { type: 'string' }, fingerprint: { type: 'boolean' }, key: { type: 'string' } });
    if (!args) return 0;
    if (args.values.fingerprint) {
      // A key read from a file or `echo` ends in a newline; keys never hold white space.
      const key = (args.values.key ?? (await readAll(io.stdin)).toString('utf8')).trim();
      if (key === '') throw new UsageError('--fingerprint needs a key: --key K or the key on stdin');
      io.stdout.write(keyFingerprint(key) + '\n');
      return 0;
    }
    if (args.values.key !== undefined) throw new UsageError('--key goes with --fingerprint');
    const length = intOption(args.values.length, '--length');
    if (length !== undefined && (length < 16 || length > 256)) {
      io.stderr.write('custlink keygen: --length must be from 16 to 256\n');
      return 2;
    }
    io.stdout.write(generateKey({ length }) + '\n');
    return 0;
  },
};
