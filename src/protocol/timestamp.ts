import { DEFAULT_TOLERANCE_MS, type VerifyResult } from './types.js';

type Failure = Extract<VerifyResult, { ok: false }>;

/**
 * Checks `X-TC-Timestamp` and the clock window without any crypto, so a stale or malformed
 * request is refused before the HMAC is computed. Returns the header as a string, or a failure.
 *
 * @example
 * checkTimestamp('1763800000000', 300000, 1763800000000) // '1763800000000'
 * checkTimestamp('17e11', 300000, Date.now())            // { ok: false, code: 'bad_timestamp', ... }
 */
export function checkTimestamp(
  timestamp: unknown,
  toleranceMs: number | undefined,
  now: number | undefined,
): string | Failure {
  if (timestamp === undefined || timestamp === null || timestamp === '') {
    return { ok: false, code: 'missing_timestamp', message: 'X-TC-Timestamp header is missing' };
  }
  const ts = typeof timestamp === 'number' ? String(timestamp) : timestamp;
  if (typeof ts !== 'string' || !isDigits(ts)) {
    return {
      ok: false,
      code: 'bad_timestamp',
      message: 'X-TC-Timestamp must be 1-16 decimal digits (epoch milliseconds)',
    };
  }
  const tolerance = typeof toleranceMs === 'number' && toleranceMs >= 0 ? toleranceMs : DEFAULT_TOLERANCE_MS;
  const clock = typeof now === 'number' && Number.isFinite(now) ? now : Date.now();
  // The guide's Joda check: exactly the tolerance still passes, one millisecond more does not.
  const skew = clock - Number(ts);
  if (skew > tolerance) {
    return {
      ok: false,
      code: 'stale',
      message: `X-TC-Timestamp is ${skew} ms old; the allowed window is ±${tolerance} ms`,
    };
  }
  if (-skew > tolerance) {
    return {
      ok: false,
      code: 'future',
      message: `X-TC-Timestamp is ${-skew} ms ahead; the allowed window is ±${tolerance} ms`,
    };
  }
  return ts;
}

/** 1-16 ASCII digits; a charCode loop is cheaper than a regex on this hot path. */
function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 16) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
