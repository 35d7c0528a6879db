/**
 * Time zones for what a database session shows: the host's own by default, so that a timestamp
 * an agent reads is in the company's local time (Asia/Seoul) rather than the server session's UTC.
 */

/**
 * The host's IANA time zone (from `TZ` or the system), e.g. `Asia/Seoul`.
 *
 * @example
 * hostTimeZone() // 'Asia/Seoul' on a host in Korea
 */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Whether `name` is an IANA time zone this Node knows (`Asia/Seoul`, `UTC`).
 *
 * @example
 * isTimeZone('Asia/Seoul') // true
 * isTimeZone('KST')        // false
 */
export function isTimeZone(name: string): boolean {
  // Abbreviations such as KST are ambiguous (and unknown to PostgreSQL and MySQL): only Area/City or UTC.
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at `at`, as `+09:00`: for a server that knows offsets but not zone
 * names (MySQL and MariaDB without their time zone tables loaded).
 *
 * @example
 * utcOffset('Asia/Seoul') // '+09:00'
 * utcOffset('UTC')        // '+00:00'
 */
export function utcOffset(zone: string, at = new Date()): string {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // `GMT` alone is UTC itself; otherwise `GMT+09:00` or `GMT-03:30`.
  return name === 'GMT' ? '+00:00' : name.slice(3);
}
