import { ConfigError } from '../server/config/error.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { apiView } from '../server/config/apis.js';
import type { EndpointConfig } from '../server/config/types.js';
import { openApiDocument } from '../server/openapi/document.js';
import { packageVersion } from '../utils/package-version.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'openapi',
  usage: `Usage: custlink openapi [--config custlink.yaml] [--api NAME]

Prints an OpenAPI 3.1 document (JSON) of the endpoint the config serves: the lookup items
(조회 항목) as the request body, the result items (결과 항목) as data, the error envelope of each
status with the message the agent sees, and the signature headers. The config is read as serve
reads it (\${CUSTLINK_KEY} must be set); no key or query appears in the output.
  --config FILE  the YAML config (default custlink.yaml)
  --api NAME     the API to describe, by its name or path (apis[].name / path, or listen.path), e.g. /customer

Example:
  custlink openapi --config custlink.yaml > openapi.json`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, { config: { type: 'string', short: 'c' }, api: { type: 'string' } });
    if (!args) return 0;
    const file = args.values.config ?? 'custlink.yaml';
    let config: EndpointConfig;
    try {
      config = loadConfigFile(file, io.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`custlink openapi: ${error.message}\n`);
      return 2;
    }
    const wanted = args.values.api;
    const apis = config.apis.map((api) => apiView(config, api));
    const chosen = wanted === undefined ? apis[0] : apis.find((api) => api.name === wanted || api.path === wanted || api.path === `/${wanted}`);
    const listed = apis.map((api) => `${api.name} (${api.path})`).join(', ');
    if (chosen === undefined) throw new UsageError(`--api "${wanted}" is not an API of ${file}: it has ${listed}`);
    if (wanted === undefined && apis.length > 1) throw new UsageError(`${file} has several APIs: choose one with --api NAME|PATH (${listed})`);
    io.stdout.write(`${JSON.stringify(openApiDocument(chosen, { version: packageVersion() }), null, 2)}\n`);
    return 0;
  },
};
