/**
 * An error custlink throws for a caller's own mistake (never for what a remote peer sent).
 * `code` is stable (`CUSTLINK_*`) so callers can branch on it.
 *
 * @example
 * try { signRequest({ key: '', body: '{}' }) } catch (e) { if (e instanceof CustlinkError) console.log(e.code) }
 */
export class CustlinkError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CustlinkError';
    this.code = code;
  }
}
