import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { packageVersion } from '../utils/package-version.js';

/**
 * What `custlink init` points an editor to (`# yaml-language-server: $schema=...`): the
 * schema.json of the custlink installed where the config is written, as a path relative to the
 * config file (how yaml-language-server reads it, and what every clone of a project finds), or,
 * when custlink runs from elsewhere (npx, a global install), this version's file on unpkg.
 *
 * @example
 * schemaReference('custlink.yaml') // './node_modules/custlink/dist/schema.json'
 */
export function schemaReference(configFile: string): string {
  const file = resolve(configFile);
  try {
    const installed = createRequire(file).resolve('custlink/schema.json');
    const path = relative(dirname(file), installed).split(sep).join('/');
    return path.startsWith('.') ? path : `./${path}`;
  } catch {
    return `https://unpkg.com/custlink@${packageVersion()}/dist/schema.json`;
  }
}
