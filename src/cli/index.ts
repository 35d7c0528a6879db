import { UsageError, type Command, type Io } from './command.js';
import { packageVersion } from '../utils/package-version.js';
import { didYouMean } from './suggest.js';

interface Entry {
  summary: string;
  load: () => Promise<{ command: Command }>;
}

// Loaded on demand so that `custlink keygen` never pays for the server's dependencies.
const COMMANDS: Record<string, Entry> = {
  keygen: { summary: 'print a new security key (암호화 키)', load: () => import('./keygen.js') },
  sign: { summary: 'sign a body from stdin; print Authorization', load: () => import('./sign.js') },
  verify: { summary: 'verify a signed body from stdin', load: () => import('./verify.js') },
  import: { summary: 'load a CSV of customers into SQLite (one transaction)', load: () => import('./import.js') },
  serve: { summary: 'run the customer-info endpoint a YAML config describes', load: () => import('./serve.js') },
  init: { summary: 'write a commented starter config (custlink.yaml)', load: () => import('./init.js') },
  schema: { summary: 'print the JSON Schema of custlink.yaml (for editors)', load: () => import('./schema.js') },
  call: { summary: 'call an endpoint as the helpdesk does; show what the agent sees', load: () => import('./call.js') },
  check: { summary: 'run conformance probes against an endpoint', load: () => import('./check.js') },
  demo: { summary: 'run a demo endpoint over generated customers (npm start)', load: () => import('./demo.js') },
  openapi: { summary: 'print an OpenAPI 3.1 document of the endpoint a config serves', load: () => import('./openapi.js') },
  audit: { summary: 'verify, review (월 점검) and search the 접속기록 serve writes', load: () => import('./audit.js') },
  console: { summary: 'open a local page that plays the helpdesk: API 설정 and a ticket lookup', load: () => import('./console.js') },
};

/** The top-level help. */
function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, e]) => `  ${name.padEnd(width)}  ${e.summary}`);
  return `custlink: Online Contact customer-info integration (고객정보 연동)

Usage: custlink <command> [options]   (custlink help <command> for its options; custlink --version)

Commands:
${lines.join('\n')}
`;
}

/**
 * Runs `custlink` with the given arguments and resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`custlink ${packageVersion()}\n`);
    return 0;
  }
  // `custlink help serve` is `custlink serve --help`.
  if (name === 'help' && rest[0] !== undefined) [name, rest] = [rest[0], ['--help']];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    io.stderr.write(`custlink: unknown command "${name}"${hint}; run custlink --help for the list\n`);
    return 2;
  }
  const { command } = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`custlink ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`custlink ${name}: ${message}\n`);
    return 1;
  }
}

/** The real process's streams and environment. */
function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
