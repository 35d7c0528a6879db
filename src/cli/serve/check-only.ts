import pino from 'pino';
import { apiKeyPrefix, apiView } from '../../server/config/apis.js';
import { ConfigError } from '../../server/config/error.js';
import type { EndpointConfig } from '../../server/config/types.js';
import { createEndpoint } from '../../server/endpoint.js';
import { openSource } from '../../server/sources/index.js';
import { checkListen } from '../../server/transport/listen.js';
import { readTls } from '../../server/transport/server-settings.js';
import { keptOpen } from '../../server/transport/reload.js';
import type { Source } from '../../server/types.js';
import { counted } from '../../utils/plural.js';
import type { Io } from '../command.js';

/**
 * `serve --check`: everything `serve` does before listening, for every API, with the warnings
 * as plain lines instead of log JSON. Resolves to 0 once everything answers; a failure throws
 * (a `ConfigError` for what the config can fix) for `serve` to report like a failed start.
 *
 * @example
 * process.exitCode = await checkOnly(loadConfigFile('custlink.yaml', process.env), 'custlink.yaml', io);
 * // custlink serve: custlink.yaml would start: sqlite source answers; 1 lookup item, 2 result items; not started (--check)
 */
export async function checkOnly(config: EndpointConfig, file: string, io: Io): Promise<number> {
  if (config.listen.tls !== undefined) readTls(config.listen.tls);
  await checkListen(config.listen);
  const warnings: string[] = [];
  // Every API's lines carry its name; with one API, naming it would only add noise.
  const single = apiKeyPrefix(config, 0) === '';
  const logger = pino({ level: 'warn' }, {
    write: (line: string) => {
      const { msg, api } = JSON.parse(line) as { msg: string; api?: string };
      warnings.push(api === undefined || single ? msg : `${api}: ${msg}`);
    },
  });
  const sources: Record<string, Source> = {};
  const apis: string[] = [];
  try {
    for (const [i, api] of config.apis.entries()) {
      const at = apiKeyPrefix(config, i);
      const source = await openSource(apiView(config, api)).catch((error: unknown) => {
        throw error instanceof ConfigError && at !== '' ? new ConfigError(error.issues.map((issue) => ({ ...issue, path: at + issue.path }))) : error;
      });
      sources[api.name] = source;
      await source.ready().catch((error: unknown) => {
        throw new ConfigError([{ path: `${at}source`, message: `opened, but does not answer a readiness check: ${(error as Error).message}` }]);
      });
      const items = `${counted(Object.keys(api.lookup).length, 'lookup item')}, ${counted(Object.keys(api.result).length, 'result item')}`;
      apis.push(`${at === '' ? '' : `${api.name}: `}${api.source.type} source answers; ${items}`);
    }
    // The endpoint checks the result items against the sources' columns, samples the stored form
    // of normalized lookup items through these sources, and opens the replay stores.
    const kept = Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, keptOpen(source)]));
    await (await createEndpoint(config, { logger, sources: kept, checkStoredForm: true })).close();
  } finally {
    await Promise.all(Object.values(sources).map((source) => source.close()));
  }
  io.stdout.write(`custlink serve: ${file} would start: ${apis.join('; ')}; not started (--check)\n`);
  for (const warning of warnings) io.stdout.write(`  warning: ${warning}\n`);
  return 0;
}
