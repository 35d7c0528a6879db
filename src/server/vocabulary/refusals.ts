import { GENERIC_500, NOT_FOUND_MESSAGE, Refusal } from './responses.js';

/*
 * The pipeline's fixed refusals, each built once: on the hot path a refusal is a prepared object,
 * not an envelope serialised per request.
 */

export const UNKNOWN_PATH = new Refusal('UNKNOWN_PATH', 'no such path');
export const METHOD_NOT_ALLOWED = new Refusal('METHOD_NOT_ALLOWED', 'only POST is allowed', { allow: 'POST' });
export const IP_NOT_ALLOWED = new Refusal('IP_NOT_ALLOWED', 'the client address is not allowed (allowIps)');
export const UNSUPPORTED_MEDIA_TYPE = new Refusal('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be JSON or text/plain in UTF-8, or absent (not a form, multipart or another charset)');
export const MISSING_SIGNATURE = { code: 'missing_signature' as const, message: 'Authorization header is missing' };
// The rest of an oversized body is never read: the connection closes after the answer.
export const BODY_TOO_LARGE = (limit: number) =>
  new Refusal('BODY_TOO_LARGE', `the request body is larger than ${limit} bytes`, { connection: 'close' });
export const BODY_READ_FAILED = new Refusal('BODY_READ_FAILED', 'the request body could not be read');
export const NOT_FOUND = new Refusal('NOT_FOUND', NOT_FOUND_MESSAGE);
export const NOT_UNIQUE = new Refusal('NOT_UNIQUE', '조회 결과가 여러 건입니다. (several customers match)');
export const REPLAYED = new Refusal('REPLAYED', 'this signature was already used: a replayed request (the helpdesk signs every request anew)');
export const REPLAY_STORE_ERROR = new Refusal('REPLAY_STORE_ERROR', GENERIC_500);
export const SOURCE_ERROR = new Refusal('SOURCE_ERROR', GENERIC_500);
export const SOURCE_TIMEOUT = new Refusal('SOURCE_TIMEOUT', GENERIC_500);
export const INTERNAL = new Refusal('INTERNAL', GENERIC_500);
// The access record could not be written: no customer data leaves (audit.onFailure: refuse).
export const AUDIT_WRITE_FAILED = new Refusal('AUDIT_WRITE_FAILED', GENERIC_500);
