import { errorEnvelope } from '../../protocol/envelope.js';
import type { EndpointResponse } from '../types.js';
import { CODES, type OutcomeCode } from './outcomes.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** What the helpdesk shows for a 500 anyway; nothing about the cause leaves the server. */
export const GENERIC_500 = '오류가 발생하였습니다.';
export const NOT_FOUND_MESSAGE = '조회 결과가 없습니다.';

/**
 * Why a request is refused, with its response built once: most refusals have a fixed message, so the hot path
 * returns a prepared object instead of serialising an envelope per request.
 *
 * @example
 * const notFound = new Refusal('NOT_FOUND', NOT_FOUND_MESSAGE);
 * notFound.response.status // 400
 */
export class Refusal {
  readonly status: number;
  readonly body: string;
  constructor(
    readonly code: OutcomeCode,
    readonly message: string,
    readonly extraHeaders?: Readonly<Record<string, string>>,
  ) {
    this.status = CODES[code];
    this.body = JSON.stringify(errorEnvelope(code, message));
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
