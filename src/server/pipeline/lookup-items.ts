import type { LookupItemConfig } from '../config/types.js';
import { compileNormalize } from './normalize.js';
import { Refusal } from '../vocabulary/responses.js';

interface CompiledItem {
  name: string;
  required: boolean;
  maxLength: number;
  pattern: RegExp | undefined;
  values: ReadonlySet<string> | undefined;
  normalize: ((value: string) => string) | undefined;
  missing: Refusal;
  notString: Refusal;
  malformed: Refusal;
  tooLong: Refusal;
  notAllowed: Refusal;
  mismatch: Refusal;
}

const INVALID_JSON = new Refusal('INVALID_JSON', 'the request body is not valid UTF-8 JSON');
const NOT_OBJECT = new Refusal('BODY_NOT_OBJECT', 'the request body must be a JSON object of lookup items');
const utf8 = new TextDecoder('utf-8', { fatal: true });
// In `u` mode a surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** Lookup item values by name: only configured items, only non-empty strings. */
export type LookupParams = Record<string, string>;

/**
 * Compiles the `lookup` config into a reader of request bodies. The reader returns the params to
 * pass to the source, or a `Refusal` (400) naming the item. Only configured items are copied
 * out, by own-property lookups of identifier names, so `__proto__` or `constructor` keys in a
 * body never reach the params; an empty string or `null` counts as absent.
 *
 * @example
 * const read = compileLookup({ callNum: { required: true, maxLength: 20, pattern: '^[0-9+-]+$' } });
 * read(Buffer.from('{"callNum":"01012345678"}')) // { callNum: '01012345678' }
 * read(Buffer.from('{}')) instanceof Refusal   // true: MISSING_ITEM
 */
export function compileLookup(lookup: Readonly<Record<string, LookupItemConfig>>): (body: Uint8Array) => LookupParams | Refusal {
  const items: CompiledItem[] = Object.entries(lookup).map(([name, item]) => ({
    name,
    required: item.required,
    maxLength: item.maxLength,
    // Anchored here so that an unanchored pattern cannot pass a value that merely contains a match.
    pattern: item.pattern === undefined ? undefined : new RegExp(`^(?:${item.pattern})$`, 'u'),
    values: item.values === undefined ? undefined : new Set(item.values),
    normalize: compileNormalize(item.normalize),
    missing: new Refusal('MISSING_ITEM', `lookup item "${name}" is required`),
    notString: new Refusal('ITEM_NOT_STRING', `lookup item "${name}" must be a string`),
    malformed: new Refusal('ITEM_MALFORMED', `lookup item "${name}" is not valid Unicode (a lone surrogate escape)`),
    tooLong: new Refusal('ITEM_TOO_LONG', `lookup item "${name}" is longer than ${item.maxLength} characters`),
    notAllowed: new Refusal('ITEM_NOT_ALLOWED', `lookup item "${name}" is not one of the allowed values`),
    mismatch: new Refusal('ITEM_PATTERN_MISMATCH', `lookup item "${name}" does not match its pattern`),
  }));
  return (bytes) => {
    let body: unknown;
    try {
      body = JSON.parse(utf8.decode(bytes));
    } catch {
      return INVALID_JSON;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return NOT_OBJECT;
    const fields = body as Record<string, unknown>;
    const params: LookupParams = {};
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const sent = Object.hasOwn(fields, item.name) ? fields[item.name] : undefined;
      if (sent === undefined || sent === null || sent === '') {
        if (item.required) return item.missing;
        continue;
      }
      if (typeof sent !== 'string') return item.notString;
      // JSON can escape half a surrogate pair; no source can match it, and a URL cannot carry it.
      if (LONE_SURROGATE.test(sent)) return item.malformed;
      // Messages never echo the value: lookup values are personal data.
      if (sent.length > item.maxLength) return item.tooLong;
      // The length is the helpdesk's (데이터 길이, as sent); the rest judge the stored form.
      const value = item.normalize === undefined ? sent : item.normalize(sent);
      if (value === '') {
        if (item.required) return item.missing;
        continue;
      }
      if (item.values !== undefined && !item.values.has(value)) return item.notAllowed;
      if (item.pattern !== undefined && !item.pattern.test(value)) return item.mismatch;
      params[item.name] = value;
    }
    return params;
  };
}
