import { z } from 'zod';
import { allowIps, ops } from './schema/allow-ips.js';
import { api, apiKeys } from './schema/api.js';
import { audit } from './schema/audit.js';
import { auth } from './schema/auth.js';
import { cache } from './schema/cache.js';
import { lookup, result } from './schema/items.js';
import { limits } from './schema/limits.js';
import { listen } from './schema/listen.js';
import { log } from './schema/log.js';
import { source } from './schema/sources.js';

// The sections are written in schema/, one file each; here they are put together in the order
// the file, the JSON Schema and docs/config.md list them.

/**
 * The config file's schema, both forms: one API (`auth`, `lookup`, `source`, `result` at the top
 * level) or several (`apis`). `parseConfig` validates a file with `apis` against it and any other
 * file against `singleApiSchema`, then adds the checks that span several keys.
 */
export const configSchema = z
  .strictObject({
    listen,
    auth: auth.optional(),
    allowIps,
    lookup: lookup.optional(),
    source: source.optional(),
    result: result.optional(),
    apis: z
      .array(api)
      .min(1, 'must list at least one API')
      .optional()
      .meta({
        description:
          'Several APIs on one server (API 설정 lists several): each entry has its own `name`, `path`, `auth`, `lookup`, `source` and `result`, written as the single-API form writes them at the top level; `listen` (but `listen.path`), `allowIps`, `ops`, `limits` and `log` stay shared. With `apis`, those four keys and `listen.path` are not written at the top level.',
      }),
    cache: cache.optional(),
    audit: audit.optional(),
    ops,
    limits,
    log,
  })
  .meta({ title: 'custlink.yaml', description: 'The config of a custlink endpoint (고객정보 연동 서버).' });

/** The single-API form, where the keys of the one API are required at the top level. */
export const singleApiSchema = configSchema.extend(apiKeys);

/** One entry of `apis`. */
export const apiSchema = api;
