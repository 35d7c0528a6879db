import { join, relative } from 'node:path';
import pino from 'pino';
import { demoConsoleSettings } from '../console/defaults.js';
import { openSettingsStore } from '../console/settings-store.js';
import { prepareDemo } from '../demo/files.js';
import { makeCustomer, type Customer } from '../demo/customer.js';
import { cliInvocation, demoInstructions, showcaseCustomer } from '../demo/instructions.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { startServer } from '../server/transport/http.js';
import { REDACT_PATHS } from '../server/ops/logger.js';
import { intOption, parseCommand, UsageError, waitForStopSignal, type Command } from './command.js';
import { counted } from '../utils/plural.js';

const DEMO_CONSOLE_NAME = 'console.demo.json';

/**
 * The demo customers the console's sample tickets are about: the showcase customer first (the
 * phone ticket looked up automatically), then the next rows of the data.
 */
function ticketCustomers(seed: number, rows: number): Array<{ name: string; phone: string; email: string; userId: string; memberNo: string }> {
  const showcase = showcaseCustomer(seed, rows);
  const others = Array.from({ length: Math.min(rows, 3) }, (_, i) => makeCustomer(seed, i)).filter((c) => c.id !== showcase.id);
  return [showcase, ...others].slice(0, 3).map((c: Customer) => ({ name: c.name, phone: c.phoneDisplay, email: c.email, userId: c.userId, memberNo: c.memberId }));
}

/** A path as short as the user's shell can take it. */
function relativeOrAbsolute(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
}

export const command: Command = {
  name: 'demo',
  usage: `Usage: custlink demo [--port N] [--host H] [--rows N] [--data DIR]

Runs a demo endpoint over generated Korean customers: creates DIR/demo.sqlite (if missing),
a demo key kept in DIR/demo-key.txt, DIR/custlink.demo.yaml and DIR/console.demo.json (the
console's settings for it), starts the server and prints commands that make a signed lookup of
a real demo customer. Ctrl+C stops it.
  --port N    port to listen on (default 8080; 0 picks a free one)
  --host H    address to listen on (default 127.0.0.1)
  --rows N    customers to generate (default 100000)
  --data DIR  where the demo keeps its files (default data)`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, {
      port: { type: 'string' },
      host: { type: 'string' },
      rows: { type: 'string' },
      data: { type: 'string' },
    });
    if (!args) return 0;
    const { values } = args;
    const port = intOption(values.port, '--port') ?? 8080;
    if (port > 65_535) throw new UsageError('--port must be from 0 to 65535');
    const rows = intOption(values.rows, '--rows');
    if (rows === 0) throw new UsageError('--rows must be at least 1');
    const host = values.host ?? '127.0.0.1';

    io.stdout.write(`custlink demo: preparing ${values.data ?? 'data'}/ ...\n`);
    const setup = prepareDemo({ dir: values.data, rows, host, port });
    const { database } = setup;
    io.stdout.write(
      database.created
        ? `  built ${database.file}: ${counted(database.rows, 'customer')} in ${(database.ms / 1000).toFixed(1)} s\n`
        : `  reusing ${database.file}\n`,
    );

    const config = loadConfigFile(setup.configFile, { ...io.env, CUSTLINK_KEY: setup.key });
    // Request lines go where the instructions go, so the terminal shows each lookup as it lands.
    const logger = pino(
      { level: config.log.level, base: { name: 'custlink' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
      { write: (line: string) => io.stdout.write(line) },
    );
    const server = await startServer(config, { logger, drainMs: 2_000 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new Error(`${host}:${port} is in use; pick another --port (0 for any free one)`);
      throw error;
    });

    // The console's settings file holds the key: written 0600 by the console's own store.
    const consoleFile = join(setup.dir, DEMO_CONSOLE_NAME);
    openSettingsStore(consoleFile).set(demoConsoleSettings(server.url, setup.key, ticketCustomers(database.seed, database.rows)));

    io.stdout.write(
      '\n' +
        demoInstructions({
          url: server.url,
          key: setup.key,
          keyFile: setup.keyFile,
          configFile: setup.configFile,
          rows: database.rows,
          customer: showcaseCustomer(database.seed, database.rows),
          cli: cliInvocation(process.argv[1], process.cwd()),
          consoleFile: relativeOrAbsolute(consoleFile),
        }) +
        '\n',
    );

    const signal = await waitForStopSignal();
    io.stdout.write(`\ncustlink demo: ${signal}, stopping\n`);
    await server.close();
    return 0;
  },
};
