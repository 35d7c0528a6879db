import { z } from 'zod';
import { FORBIDDEN_NAMES, IDENTIFIER } from '../../../utils/item-name.js';
import { hasUrlScheme, urlSchemesText } from '../../vocabulary/url-schemes.js';

// The building blocks every section of the config schema is written with: shorthands an editor
// must also accept, numbers and booleans that may come from `${NAME}`, and the checks shared by
// several keys (one place each, so two keys cannot drift apart).

const shorthands = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * The form a key also accepts in the file, which the parser rewrites to its full form before
 * validating it; `configJsonSchema` reads it so that an editor accepts what the parser does.
 *
 * @example
 * alsoAccepts(configSchema.shape.result.unwrap().valueType) // z.string(): `id: member_id`
 */
export function alsoAccepts(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  // `.meta()` clones a schema; the clone's parent is the one registered.
  for (let s: z.core.$ZodType | undefined = schema; s; s = s._zod.parent) {
    const short = shorthands.get(s);
    if (short) return short;
  }
  return undefined;
}

/**
 * `short` stands for `full` once `expand`ed (`id: member_id` is `{ column: member_id }`). The
 * rewrite runs before `full` validates, so every message still comes from `full`'s own checks.
 *
 * @example
 * const column = shorthand(z.string(), (v) => ({ column: v }), z.strictObject({ column: z.string() }));
 * column.parse('member_id') // { column: 'member_id' }
 */
export function shorthand<T extends z.ZodType>(short: z.ZodType, expand: (value: unknown) => unknown, full: T, inFile: z.ZodType = short) {
  const schema = z.preprocess((v) => (short.safeParse(v).success ? expand(v) : v), full);
  shorthands.set(schema, inFile);
  return schema;
}

/** In the file, before `${NAME}` substitution: the text itself, or text holding a variable. */
const textOrVariable = (text: RegExp) => z.string().regex(new RegExp(`${text.source}|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}`));

export const itemName = z
  .string()
  .regex(IDENTIFIER, 'an item name must be an identifier (letters, digits, _; at most 64)')
  .refine((name) => !FORBIDDEN_NAMES.has(name), 'this name is reserved');

/**
 * Whole numbers also as digit strings, since `${PORT}` substitutes text.
 *
 * @example
 * integer(0, 65535).parse('8080') // 8080
 */
export function integer(min: number, max: number) {
  const digits = /^[0-9]+$/;
  return shorthand(z.string().regex(digits), Number, z.number().int().min(min).max(max), textOrVariable(digits));
}

/** Booleans also as `"true"`/`"false"`, since `${FLAG}` substitutes text. */
export const boolean = shorthand(z.enum(['true', 'false']), (v) => v === 'true', z.boolean(), textOrVariable(/^(true|false)$/));

export const nonEmpty = z.string().min(1, 'must not be empty');

export const apiPath = z.string().regex(/^\/[^?#\s]*$/, 'must start with "/" and contain no query, fragment or white space');

export const key = nonEmpty.refine((k) => k.trim() === k, 'has leading or trailing white space (a copy-paste slip?)');

/** Where `replay` and `cache` keep their entries: this process, or a Redis every instance shares. */
export const store = z.enum(['memory', 'redis'], { error: 'must be memory (this process) or redis (shared by every instance)' });

/**
 * A store that is `memory` or `redis`: the URL goes with Redis, and only with it.
 *
 * @example
 * z.strictObject({ store, url: redisUrl.optional() }).superRefine(urlWithRedisOnly)
 */
export function urlWithRedisOnly(r: { store: z.output<typeof store>; url?: string | undefined }, ctx: z.RefinementCtx): void {
  if (r.store === 'redis' && r.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required with store: redis' });
  if (r.store === 'memory' && r.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is only for store: redis' });
}

/** A Redis server's URL (`replay.url`, `cache.url`). */
export const redisUrl = nonEmpty.refine((u) => hasUrlScheme(u, 'redis'), `must be a ${urlSchemesText('redis')} URL`);
