/**
 * The rule for lookup and result item names, shared by the endpoint's config schema and the
 * console's settings: plain identifiers, never a key that could reach an object's prototype
 * when items are copied into a plain object.
 */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Names that are identifiers but would reach `Object.prototype` through `obj[name]`. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why `name` is not a usable item name, or undefined when it is.
 *
 * @example
 * itemNameProblem('callNum')   // undefined
 * itemNameProblem('')          // 'required'
 * itemNameProblem('1st')       // 'identifier'
 * itemNameProblem('__proto__') // 'reserved'
 */
export function itemNameProblem(name: string): 'required' | 'identifier' | 'reserved' | undefined {
  if (name === '') return 'required';
  if (!IDENTIFIER.test(name)) return 'identifier';
  return FORBIDDEN_NAMES.has(name) ? 'reserved' : undefined;
}
