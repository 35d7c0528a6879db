import type { EndpointResponse } from '../types.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The outcome codes the pipeline answers with (besides the verifier's, upper-cased). */
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
  MISSING_TIMESTAMP: 403,
  BAD_TIMESTAMP: 403,
  STALE: 403,
  FUTURE: 403,
  MISSING_SIGNATURE: 403,
  BAD_SIGNATURE: 403,
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
} as const satisfies Record<string, number>;

export type OutcomeCode = keyof typeof CODES;

/** What the helpdesk shows for a 500 anyway; nothing about the cause leaves the server. */
export const GENERIC_500 = '오류가 발생하였습니다.';
export const NOT_FOUND_MESSAGE = '조회 결과가 없습니다.';

/**
 * A refusal with its response built once: most refusals have a fixed message, so the hot path
 * returns a prepared object instead of serialising an envelope per request.
 *
 * @example
 * const notFound = new Rejection('NOT_FOUND', NOT_FOUND_MESSAGE);
 * notFound.response.status // 400
 */
export class Rejection {
  readonly status: number;
  readonly body: string;
  constructor(
    readonly code: OutcomeCode,
    readonly message: string,
    readonly extraHeaders?: Readonly<Record<string, string>>,
  ) {
    this.status = CODES[code];
    this.body = JSON.stringify({ error: { code, message, detail: null } });
  }

  /** A fresh response (adapters may add headers to it). */
  get response(): EndpointResponse {
    return { status: this.status, headers: { 'content-type': JSON_TYPE, ...this.extraHeaders }, body: this.body };
  }
}

/**
 * The 200 response for a serialised `{"data":{...}}` body.
 *
 * @example
 * ok('{"data":{"userName":"홍*동"}}').status // 200
 */
export function ok(body: string): EndpointResponse {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body };
}

/**
 * A JSON response with any status, for ops endpoints.
 *
 * @example
 * jsonResponse(503, { status: 'unavailable' })
 */
export function jsonResponse(status: number, value: unknown): EndpointResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) };
}
