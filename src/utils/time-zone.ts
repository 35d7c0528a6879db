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

// Building a DateTimeFormat costs about 70 µs, far more than a lookup: one per zone, kept, since
// isoTimestamp asks for offsets on the request path, twice per timestamp without a zone.
const OFFSET_FORMATS = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(zone: string): Intl.DateTimeFormat {
  let format = OFFSET_FORMATS.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    OFFSET_FORMATS.set(zone, format);
  }
  return format;
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
  const name = offsetFormat(zone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // `GMT` alone is UTC itself; otherwise `GMT+09:00` or `GMT-03:30`.
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

// `2026-11-03 09:00:00`, `2026-11-03T09:00:00.5`, with or without `+09`, `+05:30`, `Z`: the text
// PostgreSQL and MySQL/MariaDB give for their timestamp types. Anything else (`infinity`, a year
// BC, a date alone) is left as the database wrote it.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/**
 * A database timestamp as ISO 8601 with its offset, the one form every SQL source gives
 * (`2026-11-03T09:00:00+09:00`): one with a zone keeps its offset, one without (`timestamp`,
 * `DATETIME`) is read as the wall-clock time in `zone`. Text that is not a timestamp comes back as it is.
 *
 * @example
 * isoTimestamp('2026-11-03 09:00:00+09', 'UTC')       // '2026-11-03T09:00:00+09:00'
 * isoTimestamp('2026-11-03 09:00:00', 'Asia/Seoul')   // '2026-11-03T09:00:00+09:00'
 * isoTimestamp('infinity', 'Asia/Seoul')              // 'infinity'
 */
export function isoTimestamp(text: string, zone: string): string {
  const m = TIMESTAMP.exec(text);
  if (m === null) return text;
  const [, date, time, z, sign, hours, minutes, seconds] = m as unknown as [string, string, string, string?, string?, string?, string?, string?];
  if (z !== undefined) return `${date}T${time}+00:00`;
  if (sign !== undefined) return `${date}T${time}${sign}${hours ?? '00'}:${minutes ?? '00'}${seconds === undefined ? '' : `:${seconds}`}`;
  // The offset the zone has at that wall-clock time: taken at the instant it would be in UTC, then
  // again at the instant that offset gives, which settles it except inside a daylight-saving gap.
  const wall = Date.parse(`${date}T${time.slice(0, 8)}Z`);
  if (Number.isNaN(wall)) return text;
  const first = offsetMinutes(zone, wall);
  const offset = offsetMinutes(zone, wall - first * 60_000);
  return `${date}T${time}${formatOffset(offset)}`;
}

function offsetMinutes(zone: string, at: number): number {
  const text = utcOffset(zone, new Date(at));
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
