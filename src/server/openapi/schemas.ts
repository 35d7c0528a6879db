import type { LookupItemConfig } from '../config/types.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) or OpenAPI object, as plain data. */
export type Json = { [key: string]: unknown };

/**
 * The request body: the lookup items (조회 항목) as properties, the required ones required.
 *
 * @example
 * lookupSchema({ callNum: { required: true, maxLength: 20 } })
 * // { type: 'object', properties: { callNum: { type: 'string', minLength: 1, maxLength: 20 } }, required: ['callNum'] }
 */
export function lookupSchema(lookup: Readonly<Record<string, LookupItemConfig>>): Json {
  const required = Object.entries(lookup).filter(([, item]) => item.required).map(([name]) => name);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(lookup).map(([name, item]) => [name, itemSchema(item)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

/**
 * One lookup item as the endpoint judges it: `maxLength` counts the value as sent, while
 * `values` and `pattern` judge it after `normalize`, so with a normalize they can only be told.
 * An optional item may be `""` or `null` (absent), which neither `enum` nor `pattern` allows.
 */
function itemSchema(item: LookupItemConfig): Json {
  // Anchored as the endpoint anchors it: a JSON Schema pattern matches anywhere in the value.
  const pattern = item.pattern === undefined ? undefined : `^(?:${item.pattern})$`;
  const checks: Json = {};
  const notes: string[] = [];
  if (item.normalize !== undefined) {
    notes.push(`Normalized (${item.normalize}) before it is checked`);
    if (item.values !== undefined) notes.push(`then one of: ${item.values.join(', ')}`);
    if (item.pattern !== undefined) notes.push(`then the whole value must match ${item.pattern}`);
  } else {
    if (item.values !== undefined) checks.enum = item.values;
    if (pattern !== undefined) checks.pattern = pattern;
  }
  const description = notes.length > 0 ? { description: `${notes.join('; ')}.` } : {};
  if (item.required) return { type: 'string', minLength: 1, maxLength: item.maxLength, ...checks, ...description };
  const value = { type: 'string', maxLength: item.maxLength, ...checks };
  const absent = { description: 'Absent', enum: ['', null] };
  return Object.keys(checks).length === 0
    ? { type: ['string', 'null'], maxLength: item.maxLength, ...description }
    : { anyOf: [value, absent], ...description };
}

/**
 * The 200 body: `data` with exactly the result items (결과 항목), each a string, since the
 * endpoint sends every configured item and nothing else.
 *
 * @example
 * dataSchema(['userName', 'grade']) // { type: 'object', required: ['data'], properties: { data: { required: ['userName', 'grade'], ... } } }
 */
export function dataSchema(items: string[]): Json {
  return {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        description: 'The result items (결과 항목), every value a string ("" for an empty column).',
        required: items,
        additionalProperties: false,
        properties: Object.fromEntries(items.map((name) => [name, { type: 'string' }])),
      },
    },
  };
}
