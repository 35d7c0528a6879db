import { writeFileSync } from 'node:fs';
import { STARTER_CONFIG } from '../server/config/starter.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'init',
  usage: `Usage: custlink init [--out custlink.yaml] [--force]

Writes a commented starter config for your own database: edit the lookup items, the query and
the result items, set CUSTLINK_KEY, then run custlink serve.
  --out FILE   where to write it (default custlink.yaml)
  --force      overwrite an existing file`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } });
    if (!args) return 0;
    const out = args.values.out ?? 'custlink.yaml';
    try {
      // "wx" refuses atomically, so a file created meanwhile is not clobbered either.
      writeFileSync(out, STARTER_CONFIG, { flag: args.values.force ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UsageError(`${out} already exists; pass --force to overwrite it`);
      }
      throw error;
    }
    io.stdout.write(`wrote ${out}; next: edit lookup, source and result, then CUSTLINK_KEY=... custlink serve --config ${out}\n`);
    return 0;
  },
};
