/** The two message layouts the guide names; `auto` (verify only) accepts either. */
export type Scheme = 'body+timestamp' | 'uri+body+timestamp';
export type SchemeOption = Scheme | 'auto';
export const SCHEMES = ['body+timestamp', 'uri+body+timestamp'] as const satisfies readonly Scheme[];

/** A request body as it travels: signed and verified byte for byte, never re-serialised. */
export type Body = string | Uint8Array;

/** Why a verification fails: the one list the endpoint's outcome codes and metrics derive from. */
export const VERIFY_CODES = ['missing_timestamp', 'bad_timestamp', 'stale', 'future', 'missing_signature', 'bad_signature'] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export type VerifyResult =
  | { ok: true; scheme: Scheme; keyIndex: number }
  | { ok: false; code: VerifyCode; message: string };

export interface SignOptions {
  /** The security key (암호화 키) as shown in the helpdesk. */
  key: string;
  body: Body;
  /** Epoch milliseconds; defaults to now. */
  timestamp?: number | string;
  /** Request path as sent on the request line; needed by `uri+body+timestamp`. */
  uri?: string;
  scheme?: Scheme;
}

export interface SignResult {
  /** Value of the `Authorization` header. */
  authorization: string;
  /** Value of the `X-TC-Timestamp` header. */
  timestamp: string;
}

export interface VerifyOptions {
  /** Accepted keys; any one may match, so an old key keeps working during rotation. */
  keys: string | readonly string[];
  body: Body;
  timestamp: string | number | null | undefined;
  authorization: string | null | undefined;
  uri?: string | null;
  scheme?: SchemeOption;
  /** Allowed clock skew either way, in ms (default 300000: the guide's 5 minutes). */
  toleranceMs?: number;
  /** The receiver's clock, epoch ms (default `Date.now()`). */
  now?: number;
}

export const DEFAULT_TOLERANCE_MS = 300_000;
