import { z } from 'zod';
import { apiSchema, configSchema } from './schema.js';
import { alsoAccepts } from './schema/fields.js';

type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples']);

/**
 * The JSON Schema (draft 2020-12) of a `custlink.yaml` file as a person writes it: shorthands
 * (`id: member_id`, `callNum:`) and `${NAME}` text where numbers and booleans go are accepted,
 * unknown keys are not, and every key carries its description and default for an editor.
 *
 * @example
 * writeFileSync('schema.json', JSON.stringify(configJsonSchema(), null, 2));
 */
export function configJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      const short = alsoAccepts(zodSchema);
      if (short && zodSchema._zod.def.type === 'pipe') {
        const full: JsonSchema = {};
        for (const [k, v] of Object.entries(jsonSchema)) {
          if (ANNOTATIONS.has(k)) continue;
          full[k] = v;
          delete (jsonSchema as JsonSchema)[k];
        }
        jsonSchema.anyOf = [full, bare(z.toJSONSchema(short, { io: 'input' }))];
      }
      // zod leaves out defaults and examples before a rewrite (they describe its output); here
      // they are the file's own: what an absent key means, and what to write.
      const def = zodSchema._zod.def;
      if (def.type === 'default') jsonSchema.default = (def as z.core.$ZodDefaultDef).defaultValue;
      const examples = z.globalRegistry.get(zodSchema)?.examples;
      if (examples !== undefined) (jsonSchema as JsonSchema).examples = examples;
    },
  }) as JsonSchema;
  // One form or the other: one API's keys at the top level, or `apis`, never both.
  const form = (keys: string[]): JsonSchema => ({ properties: Object.fromEntries(keys.map((k) => [k, {}])), required: keys });
  return { ...schema, oneOf: [form(Object.keys(API_KEYS)), form(['apis'])] };
}

const { name: _name, path: _path, ...API_KEYS } = apiSchema.shape;

function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _, ...rest } = schema;
  return rest;
}
