/** How a lookup item's value is brought to the form the source stores, before it is checked. */
export type NormalizeSpec = 'trim' | 'lower' | 'digits' | 'phone-kr' | 'phone-kr-dashed';

/**
 * The names the config accepts, for its schema and messages; `compileNormalize` (pipeline) is what
 * each one does.
 */
export const NORMALIZE_SPECS: readonly NormalizeSpec[] = ['trim', 'lower', 'digits', 'phone-kr', 'phone-kr-dashed'];
