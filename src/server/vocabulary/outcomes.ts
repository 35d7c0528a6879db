import { VERIFY_CODES, type VerifyCode } from '../../protocol/types.js';

/** A verifier's code as the endpoint answers it: `stale` → `STALE`. */
export type VerifyOutcome = Uppercase<VerifyCode>;

const VERIFY_OUTCOME = Object.fromEntries(VERIFY_CODES.map((code) => [code, code.toUpperCase()])) as { readonly [C in VerifyCode]: Uppercase<C> };
const VERIFY_STATUSES = Object.fromEntries(VERIFY_CODES.map((code) => [VERIFY_OUTCOME[code], 403])) as { readonly [C in VerifyOutcome]: 403 };

/**
 * Every outcome code the endpoint answers with, and its HTTP status: the one list that responses,
 * the log and the metrics' labels take their codes from. The verifier's codes are among them,
 * upper-cased, from the protocol's own list.
 */
export const CODES = {
  OK: 200,
  MALFORMED_HTTP: 400,
  INVALID_JSON: 400,
  BODY_NOT_OBJECT: 400,
  BODY_READ_FAILED: 400,
  MISSING_ITEM: 400,
  ITEM_NOT_STRING: 400,
  ITEM_MALFORMED: 400,
  ITEM_TOO_LONG: 400,
  ITEM_NOT_ALLOWED: 400,
  ITEM_PATTERN_MISMATCH: 400,
  NOT_FOUND: 400,
  NOT_UNIQUE: 400,
  IP_NOT_ALLOWED: 403,
  ...VERIFY_STATUSES,
  REPLAYED: 403,
  UNKNOWN_PATH: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  SOURCE_ERROR: 500,
  SOURCE_TIMEOUT: 500,
  REPLAY_STORE_ERROR: 500,
  INTERNAL: 500,
  AUDIT_WRITE_FAILED: 500,
} as const satisfies Record<string, number>;

export type OutcomeCode = keyof typeof CODES;

/** A request refused by verification: the verifier's codes, and a replayed signature. */
export type VerifyFailure = VerifyOutcome | 'REPLAYED';

/** The label values of `custlink_verify_failures_total`. */
export const VERIFY_FAILURES: readonly VerifyFailure[] = [...VERIFY_CODES.map((code) => VERIFY_OUTCOME[code]), 'REPLAYED'];

/**
 * The outcome code a verifier's failure is answered with.
 *
 * @example
 * verifyOutcome('stale') // 'STALE' (403)
 */
export function verifyOutcome(code: VerifyCode): VerifyOutcome {
  return VERIFY_OUTCOME[code];
}
