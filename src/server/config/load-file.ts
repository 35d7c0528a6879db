import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ConfigError, type ConfigIssue } from './error.js';
import { parseConfig } from './parse.js';
import type { EndpointConfig } from './types.js';

/**
 * Reads and validates a YAML config file; see `parseConfig`. A missing file or a YAML syntax
 * error is a `ConfigError` too (with the line and column).
 *
 * @example
 * const config = loadConfigFile('custlink.yaml');
 */
export function loadConfigFile(path: string, env: Readonly<Record<string, string | undefined>> = process.env): EndpointConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found (custlink init writes a starter config)' : `cannot read the file (${code ?? 'error'})`;
    throw new ConfigError([{ path: '', message: reason }], path, { cause: error });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) throw new ConfigError(doc.errors.map((e) => yamlIssue(e, lines)), path);
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new ConfigError([{ path: '', message: 'the file is empty' }], path);
  return parseConfig(value, { file: path, env });
}

/** A YAML syntax error as one line: where, then what (yaml's pretty form ends in a code excerpt). */
function yamlIssue(error: YAMLError, lines: LineCounter): ConfigIssue {
  const at = lines.linePos(error.pos[0]);
  const where = ` at line ${at.line}, column ${at.col}`;
  return { path: '', message: `YAML syntax error${where}: ${error.message.split('\n')[0]?.replace(/[:.]\s*$/, '')}` };
}
