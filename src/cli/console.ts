import { DEFAULT_CONSOLE_PORT } from '../console/defaults.js';
import { startConsole, type RunningConsole } from '../console/server.js';
import { isLoopback } from '../utils/loopback.js';
import { SettingsFileError } from '../console/settings-store.js';
import { intOption, parseCommand, UsageError, waitForStopSignal, type Command, type Io } from './command.js';

const USAGE = `Usage: custlink console [--host 127.0.0.1] [--port ${DEFAULT_CONSOLE_PORT}] [--settings FILE]

Opens a local page that plays the Online Contact helpdesk: set up API 설정 (URL, 암호화 여부,
암호화 키, 조회 항목, 결과 항목) and look customers up from a ticket screen against your
endpoint, seeing exactly what an agent would. Prints the URL; Ctrl+C stops it.
  --host H         address to listen on (default 127.0.0.1; the page holds the key, keep it local)
  --port N         port to listen on (default ${DEFAULT_CONSOLE_PORT}; 0 picks a free one)
  --settings FILE  keep the settings (with the key) in this JSON file, mode 0600; memory only without it`;

export interface ConsoleCommandOptions {
  /** Resolves when the console should stop (default: SIGTERM or SIGINT). */
  until?: Promise<unknown>;
  onListening?: (running: RunningConsole) => void;
}

/**
 * `custlink console`, with the stop signal injectable so tests can run it in-process.
 *
 * @example
 * process.exitCode = await runConsole(['--port', '0'], processIo());
 */
export async function runConsole(argv: string[], io: Io, options: ConsoleCommandOptions = {}): Promise<number> {
  const args = parseCommand({ usage: USAGE }, argv, io, { host: { type: 'string' }, port: { type: 'string' }, settings: { type: 'string' } });
  if (!args) return 0;
  const port = intOption(args.values.port, '--port') ?? DEFAULT_CONSOLE_PORT;
  if (port > 65_535) throw new UsageError('--port must be from 0 to 65535');
  const host = args.values.host ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty');
  if (!isLoopback(host)) {
    io.stderr.write(`custlink console: WARNING: listening on ${host}, not loopback. The page holds the 암호화 키 and signs requests; anyone who can reach it can use them.\n`);
  }
  let running: RunningConsole;
  try {
    running = await startConsole({ host, port, settingsFile: args.values.settings, log: (line) => io.stdout.write(`custlink console: ${line}\n`) });
  } catch (error) {
    if (error instanceof SettingsFileError) {
      io.stderr.write(`custlink console: ${error.message}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`${host}:${port} is in use; pick another --port (0 for any free one)`, { cause: error });
    throw error;
  }
  const where = running.store.file === undefined ? 'in memory only (--settings FILE keeps them)' : `in ${running.store.file}`;
  io.stdout.write(`custlink console: open ${running.url}\n  settings are kept ${where}\n  Ctrl+C stops it.\n`);
  options.onListening?.(running);
  const signal = await (options.until ?? waitForStopSignal());
  io.stdout.write(`custlink console: ${typeof signal === 'string' ? `${signal}, ` : ''}stopping\n`);
  await running.close();
  return 0;
}

export const command: Command = {
  name: 'console',
  usage: USAGE,
  run: (argv, io) => runConsole(argv, io),
};
