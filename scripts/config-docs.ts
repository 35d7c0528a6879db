import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { configJsonSchema } from '../src/server/config/json-schema.js';

type Node = Record<string, unknown>;
interface Row {
  path: string;
  node: Node;
  required: boolean;
}

/** Where `npm run docs:config` writes; a test holds the committed file to what this renders. */
export const CONFIG_DOCS = fileURLToPath(new URL('../docs/config.md', import.meta.url));

/**
 * docs/config.md: every key of custlink.yaml with its type, default, meaning and an example,
 * read off the JSON Schema, which is read off the zod schema the parser validates with.
 *
 * @example
 * writeFileSync(CONFIG_DOCS, renderConfigDocs());
 */
export function renderConfigDocs(): string {
  const schema = configJsonSchema();
  // The single-API form's keys are required unless `apis` is written (the schema's `oneOf`).
  const singleForm = list((list(schema.oneOf)[0] as Node | undefined)?.required);
  const sections = Object.entries(properties(schema)).map(([key, node]) => {
    const required = list(schema.required).includes(key) || singleForm.includes(key);
    const kinds = kindsOf(node);
    if (kinds.length === 0) return [`## \`${key}\``, '', ...table(rowsOf(key, node, required)), ''].join('\n');
    // One table per kind (`source.type`): each has keys of its own.
    const tables = kinds.map(([type, choice]) => [`### \`${key}.type: ${type}\``, '', text(choice.description), '', ...table(childRows(key, choice)), ''].join('\n'));
    return [`## \`${key}\``, '', ...table([{ path: key, node, required }]), '', ...tables].join('\n');
  });
  return `<!-- Generated from src/server/config/schema.ts by \`npm run docs:config\`; edit the schema, not this file. -->
# \`custlink.yaml\` reference

Every key the endpoint reads. Unknown keys are errors. \`\${NAME}\` in any value is replaced by the
environment variable \`NAME\` (unset: a config error); \`\${file:PATH}\` by the text of that file,
less its final line break (unreadable: a config error). \`$\${NAME}\` stays literal. Numbers and
booleans may be written as text, so that they can come from a variable (\`port: \${PORT}\`).
Relative file paths resolve against the config file's directory.

A variable keeps the value the process started with; a file is read again at every reload. For
키 변경 without a restart, keep the key in a file (\`keys: ["\${file:custlink.key}"]\`, mode 0600),
or in a Docker or Kubernetes secret or a systemd credential, and send SIGHUP after changing it.

Editors that read JSON Schema (VS Code with the YAML extension) complete and check the file from
\`custlink schema\` (also shipped as \`custlink/schema.json\`); \`custlink init\` writes the line that
points to it.

${sections.join('\n')}`;
}

function rowsOf(path: string, node: Node, required: boolean): Row[] {
  const choices = [...list(node.anyOf), ...list(node.oneOf)] as Node[];
  return [{ path, node, required }, ...choices.flatMap((c) => childRows(path, c)), ...childRows(path, node)];
}

function kindsOf(node: Node): [string, Node][] {
  return (list(node.oneOf) as Node[]).flatMap((choice) => {
    const type = properties(choice).type?.const;
    return typeof type === 'string' ? [[type, choice] as [string, Node]] : [];
  });
}

function childRows(path: string, node: Node): Row[] {
  const rows = Object.entries(properties(node)).flatMap(([key, child]) => rowsOf(`${path}.${key}`, child, list(node.required).includes(key)));
  // A list of mappings (`apis`): one row per key of an entry; a key the top level has too is
  // written as there, so its own keys are not listed twice.
  const items = node.items as Node | undefined;
  if (items !== undefined && items.properties !== undefined) {
    rows.push(...Object.entries(properties(items)).map(([key, child]) => ({ path: `${path}[].${key}`, node: child, required: list(items.required).includes(key) })));
  }
  const values = node.additionalProperties;
  if (typeof values === 'object' && values !== null && node.propertyNames !== undefined) {
    const name = path === 'lookup' ? '<item>' : path === 'result' ? '<key>' : '<name>';
    rows.push(...rowsOf(`${path}.${name}`, values as Node, false));
  }
  return rows;
}

function table(rows: Row[]): string[] {
  const cells = rows.map(({ path, node, required }) => [
    `\`${path}\``,
    typeOf(node),
    required ? 'required' : node.default === undefined || isEmptyMapping(node.default) ? '' : code(node.default),
    text(node.description),
    list(node.examples).map(code).join(', '),
  ]);
  return ['| key | type | default | description | example |', '| --- | --- | --- | --- | --- |', ...cells.map((c) => `| ${c.map(cell).join(' | ')} |`)];
}

function typeOf(node: Node): string {
  if (node.const !== undefined) return code(node.const);
  if (Array.isArray(node.enum)) return node.enum.map(code).join(', ');
  const choices = [...list(node.anyOf), ...list(node.oneOf)] as Node[];
  // Text holding `${NAME}` where a number or boolean goes: the page's introduction says so once.
  const shown = choices.filter((c) => !(typeof c.pattern === 'string' && c.pattern.includes('\\$\\{')));
  if (shown.length > 0) return [...new Set(shown.map(typeOf))].join(' or ');
  switch (node.type) {
    case 'integer':
      return node.minimum === undefined ? 'integer' : `integer ${String(node.minimum)}–${String(node.maximum)}`;
    case 'array':
      return `list of ${typeOf((node.items ?? {}) as Node)}`;
    case 'object':
      return 'mapping';
    case 'null':
      return 'nothing';
    default:
      return typeof node.type === 'string' ? node.type : 'any';
  }
}

function properties(node: Node): Record<string, Node> {
  return (node.properties ?? {}) as Record<string, Node>;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isEmptyMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function code(value: unknown): string {
  const yaml = typeof value === 'string' && value !== '' ? value : stringify(value, { collectionStyle: 'flow' }).trim();
  return `\`${yaml}\``;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function cell(value: string): string {
  return value.replaceAll('|', '\\|');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONFIG_DOCS, renderConfigDocs());
  console.log(`wrote ${CONFIG_DOCS}`);
}
