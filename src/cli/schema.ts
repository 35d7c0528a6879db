import { configJsonSchema } from '../server/config/json-schema.js';
import { parseCommand, type Command } from './command.js';

export const command: Command = {
  name: 'schema',
  usage: `Usage: custlink schema

Prints the JSON Schema of custlink.yaml (draft 2020-12), which editors use to complete and check
the file; the package ships it as custlink/schema.json. custlink init points the config to it:
  # yaml-language-server: $schema=./node_modules/custlink/dist/schema.json`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, {});
    if (!args) return 0;
    io.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
