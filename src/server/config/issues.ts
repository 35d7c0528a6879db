import type { z } from 'zod';
import { formatPath, type ConfigIssue } from './error.js';

/**
 * zod's error map for config files: messages a person editing YAML understands ("is required",
 * "must be a list, got a mapping"); `undefined` keeps zod's own.
 *
 * @example
 * configSchema.safeParse(value, { error: friendlyError })
 */
export function friendlyError(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, got ${describe(issue.input)}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length > 0) {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value) ?? typeof value;
}

/**
 * One zod issue as config issues with YAML-style paths; an unknown key is reported at its own
 * path, a bad record key with its own message.
 *
 * @example
 * parsed.error.issues.flatMap(toIssues) // [{ path: 'lookup.callNum.maxLenght', message: 'unknown key' }]
 */
export function toIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: 'unknown key' }));
  }
  if (issue.code === 'invalid_key') {
    return issue.issues.map((i) => ({ path, message: `${i.message}` }));
  }
  return [{ path, message: issue.message }];
}
