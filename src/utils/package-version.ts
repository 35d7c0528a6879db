import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The installed package's version, from its package.json: two levels up from both src/utils and
 * dist/utils, so the source and the built package read the same file. The one place the CLI's
 * `--version`, the OpenAPI document, the `custlink_info` metric and the schema URL take it from.
 *
 * @example
 * packageVersion() // '0.1.0'
 */
export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
