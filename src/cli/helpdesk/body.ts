import { readFile } from 'node:fs/promises';
import { readAll, UsageError, type Io } from '../command.js';

export interface BodySources {
  items: string[];
  json: string | undefined;
  file: string | undefined;
}

/**
 * The request body of `custlink call` from exactly one source: `name=value` items (sent as
 * compact JSON), `--json` (sent as typed) or `--body-file` (its bytes as they are; `-` is stdin).
 *
 * @example
 * await bodyFrom({ items: ['callNum=1'], json: undefined, file: undefined }, io) // '{"callNum":"1"}'
 */
export async function bodyFrom(sources: BodySources, io: Io): Promise<string | Uint8Array> {
  const { items, json, file } = sources;
  const given = [items.length > 0, json !== undefined, file !== undefined].filter(Boolean).length;
  if (given === 0) throw new UsageError('give lookup items (name=value ...), --json or --body-file');
  if (given > 1) throw new UsageError('give only one of: name=value items, --json, --body-file');
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new UsageError('--json is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('--json must be a JSON object');
    // Sent as typed, not re-serialised: what you wrote is what gets signed.
    return json;
  }
  if (file !== undefined) {
    if (file === '-') return readAll(io.stdin);
    try {
      return await readFile(file);
    } catch (error) {
      throw new UsageError(`--body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return JSON.stringify(parseItems(items));
}

/**
 * `name=value` arguments as lookup items, in the order given; the value may contain `=`.
 *
 * @example
 * parseItems(['callNum=01012345678', 'nation=korea']) // { callNum: '01012345678', nation: 'korea' }
 */
export function parseItems(items: string[]): Record<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`lookup items are name=value; got "${item}"`);
    const name = item.slice(0, at);
    if (out.has(name)) throw new UsageError(`lookup item "${name}" is given twice`);
    out.set(name, item.slice(at + 1));
  }
  // fromEntries defines own properties, so even an item named __proto__ is sent as an item.
  return Object.fromEntries(out);
}
