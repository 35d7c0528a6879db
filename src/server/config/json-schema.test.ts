import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';
import { parseConfig } from './parse.js';
import { STARTER_SOURCES, starterConfig } from './starter.js';
import { twoApisStarterConfig } from './starter-apis.js';

const schema = configJsonSchema();
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);
const ENV = { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw', MEMBER_API_TOKEN: 't', PORT: '9000' };

const base = () => ({
  auth: { keys: ['${CUSTLINK_KEY}'] },
  lookup: { callNum: { required: true } },
  source: { type: 'sqlite', file: 'crm.sqlite', query: 'SELECT name FROM customers WHERE phone = :callNum' },
  result: { userName: 'name' },
});

/** The same API twice under `apis`, at two paths. */
const twoApis = (api: ReturnType<typeof base>) => ({
  listen: { port: 8080 },
  apis: [
    { name: '회원정보', path: '/members', ...api },
    { name: '주문정보', path: '/orders', ...api },
  ],
});

/** ajv's verdict and the parser's on the same file. */
function verdicts(value: unknown): { schema: boolean; parser: boolean } {
  let parser = true;
  try {
    parseConfig(value, { env: ENV });
  } catch {
    parser = false;
  }
  return { schema: validate(value), parser };
}

/** A fragment on top of a minimal config; an `apis` example is whole. */
const withBase = (fragment: Record<string, unknown>) => ('apis' in fragment ? fragment : { ...base(), ...fragment });

/** The ```yaml blocks of a Markdown file; a fragment is read on top of a minimal config. */
function yamlBlocks(file: string): { line: number; value: Record<string, unknown> }[] {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => ({
    line: text.slice(0, m.index).split('\n').length,
    value: withBase(parse(m[1] ?? '') as Record<string, unknown>),
  }));
}

describe('configJsonSchema', () => {
  it.each(STARTER_SOURCES)('accepts the %s starter config custlink init writes', (source) => {
    expect(validate(parse(starterConfig(source))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts the two-API starter custlink init --apis 2 writes', () => {
    expect(validate(parse(twoApisStarterConfig())), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(yamlBlocks('../README.md'))('accepts the example in src/server/README.md at line $line', ({ value }) => {
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts every example it gives for a key', () => {
    const checked: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (Array.isArray(record.examples)) {
        const check = ajv.compile({ ...record, $schema: undefined });
        for (const example of record.examples) expect(check(example), `${path}: ${JSON.stringify(example)}`).toBe(true);
        checked.push(path);
      }
      for (const [k, v] of Object.entries(record)) visit(v, `${path}/${k}`);
    };
    visit(schema, '');
    expect(checked.length).toBeGreaterThan(15);
  });

  it('refuses an unknown key, as the parser does, and names it', () => {
    const value = { ...base(), lookup: { callNum: { maxLenght: 3 } } };
    expect(verdicts(value)).toEqual({ schema: false, parser: false });
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'maxLenght' } }));
    expect(verdicts({ ...base(), listn: {} })).toEqual({ schema: false, parser: false });
  });

  // Each case is a file both must accept or both refuse: the shorthands and `${NAME}` text.
  it.each<[string, (c: ReturnType<typeof base>) => unknown, boolean]>([
    ['a result item as a column name', (c) => ({ ...c, result: { id: 'member_id' } }), true],
    ['a result item as a number', (c) => ({ ...c, result: { id: 42 } }), false],
    ['a lookup item written as `callNum:` alone', (c) => ({ ...c, lookup: { callNum: null } }), true],
    ['a lookup item as text', (c) => ({ ...c, lookup: { callNum: 'yes' } }), false],
    ['a single key as a string', (c) => ({ ...c, auth: { keys: '${CUSTLINK_KEY}' } }), true],
    ['a port from ${PORT}', (c) => ({ ...c, listen: { port: '${PORT}', trustProxy: 'true' } }), true],
    ['a port as digits', (c) => ({ ...c, listen: { port: '8080' } }), true],
    ['a port out of range', (c) => ({ ...c, listen: { port: 70000 } }), false],
    ['a boolean as other text', (c) => ({ ...c, lookup: { callNum: { required: 'yes' } } }), false],
    ['a mask by name and by counts', (c) => ({ ...c, result: { a: { column: 'a', mask: 'phone' }, b: { column: 'b', mask: { keepLast: '4' } } } }), true],
    ['an unknown mask', (c) => ({ ...c, result: { a: { column: 'a', mask: 'card' } } }), false],
    ['an unknown source type', (c) => ({ ...c, source: { type: 'oracle', url: 'x', query: 'q' } }), false],
    ['a source key of another type', (c) => ({ ...c, source: { ...c.source, poolSize: 3 } }), false],
    ['an item name that is no identifier', (c) => ({ ...c, lookup: { 'call-num': {} } }), false],
    ['two APIs under apis', (c) => twoApis(c), true],
    ['apis with a shorthand in an entry', (c) => twoApis({ ...c, lookup: { callNum: null } as never }), true],
    ['an apis entry without a path', (c) => ({ apis: [{ name: '회원정보', ...c }] }), false],
    ['an apis entry with an unknown key', (c) => ({ apis: [{ name: '회원정보', path: '/m', ...c, limits: {} }] }), false],
    ['apis and the single-API keys both', (c) => ({ ...c, ...twoApis(c) }), false],
    ['neither apis nor the single-API keys', () => ({ listen: { port: 8080 } }), false],
    ['an empty apis list', () => ({ apis: [] }), false],
  ])('agrees with the parser on %s', (_name, change, valid) => {
    expect(verdicts(change(base()))).toEqual({ schema: valid, parser: valid });
  });
});
