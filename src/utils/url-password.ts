/**
 * Connection URLs and the messages about them with the password taken out: the one place every
 * source, store and command redacts a URL (SQL sources, the Redis stores, the audit store).
 */

const MASK = '***';

/**
 * A connection URL fit for a message: the password replaced by `***`; `undefined` when it is not
 * a URL, or not one of `protocols` when they are given (then nothing of it should be echoed).
 *
 * @example
 * redactUrl('postgres://app:s3cret@db:5432/crm', ['postgres:']) // 'postgres://app:***@db:5432/crm'
 * redactUrl('rediss://:s3cret@cache:6380')                     // 'rediss://:***@cache:6380'
 */
export function redactUrl(url: string, protocols?: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (protocols !== undefined && !protocols.includes(parsed.protocol)) return undefined;
  if (parsed.password !== '') parsed.password = MASK;
  return parsed.toString();
}

/**
 * A driver's error message with the URL's password cut out, should a driver ever echo it, and
 * every `scheme://user:password@` in it masked whatever its password.
 *
 * @example
 * hidePassword(new Error('bad s3cret!'), 'mysql://root:s3cret@db/crm')                // 'bad ***!'
 * hidePassword(new Error('role "ro" does not exist'), 'postgres://ro:x@db/crm')        // unchanged
 */
export function hidePassword(error: unknown, url: string): string {
  let message = error instanceof Error ? error.message : String(error);
  if (message === '' && error instanceof AggregateError) message = error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  message = message.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, `$1${MASK}@`);
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return message;
  }
  for (const secret of new Set([password, safeDecode(password)])) {
    if (secret !== '') message = cut(message, secret);
  }
  return message;
}

/** How long a password must be before it is cut wherever it stands, even inside a word. */
const ANYWHERE = 8;

/**
 * Cuts `secret` out of `message`. A long password is cut wherever it appears: eight characters of
 * a real password do not occur by chance in a driver's English. A short one (`x`, `pw`) is cut
 * only where it stands alone, between characters that are not letters, digits or `_`: cut inside
 * words it turns `does not exist` into `does not e***ist`, a message nobody can act on, while a
 * driver that echoes a password echoes it as a token (`password=pw;`, `"pw"`).
 */
function cut(message: string, secret: string): string {
  if (secret.length >= ANYWHERE) return message.split(secret).join(MASK);
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu'), MASK);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
