import { checkTimestamp } from '../../protocol/request-check.js';
import type { VerifyCode } from '../../protocol/types.js';
import { verifyTimestamped } from '../../protocol/verify.js';
import { loggableError } from '../vocabulary/loggable-error.js';
import { BodyTooLargeError, type EndpointRequest } from '../types.js';
import { isJsonContentType } from './content-type.js';
import { verifyOutcome } from '../vocabulary/outcomes.js';
import type { PipelineParts } from './parts.js';
import { BODY_READ_FAILED, BODY_TOO_LARGE, IP_NOT_ALLOWED, METHOD_NOT_ALLOWED, MISSING_SIGNATURE, UNKNOWN_PATH, UNSUPPORTED_MEDIA_TYPE } from '../vocabulary/refusals.js';
import { Refusal } from '../vocabulary/responses.js';

/**
 * What is decided from the request alone, before a store or the source is asked: address, path,
 * method, headers, declared length; then the body's signature and lookup items.
 *
 * @example
 * const checks = new RequestChecks(parts);
 * const body = checks.checkHeaders(request, ip, true) ?? (await checks.readBody(request, reqId));
 * const params = body instanceof Refusal ? body : checks.checkBody(request, body);
 */
export class RequestChecks {
  private readonly auth: PipelineParts['config']['auth'];
  private readonly bodyLimit: number;
  private readonly tooLarge: Refusal;
  /** Which of `auth.keys` verified the last `checkBody` (-1: none); read it right after, before any await. */
  keyIndex = -1;

  constructor(private readonly parts: Pick<PipelineParts, 'config' | 'logger' | 'metrics' | 'ipAllowed' | 'readLookup'>) {
    this.auth = parts.config.auth;
    this.bodyLimit = parts.config.limits.bodyBytes;
    this.tooLarge = BODY_TOO_LARGE(this.bodyLimit);
  }

  /**
   * What can be decided from the headers alone: a refusal, or `undefined` to read the body.
   * Synchronous, so a request refused here costs no promise.
   *
   * @example
   * checks.checkHeaders({ ...request, method: 'GET' }, ip, true) // METHOD_NOT_ALLOWED (405)
   */
  checkHeaders(request: EndpointRequest, ip: string | undefined, api: boolean): Refusal | undefined {
    const { parts, auth } = this;
    if (parts.ipAllowed !== undefined && !parts.ipAllowed(ip)) return IP_NOT_ALLOWED;
    if (!api) return UNKNOWN_PATH;
    if (request.method !== 'POST') return METHOD_NOT_ALLOWED;
    const headers = request.headers;
    if (!isJsonContentType(header(headers['content-type']))) return UNSUPPORTED_MEDIA_TYPE;
    if (auth.enabled) {
      // A stale or forged-looking request is refused before its body costs anything.
      const checked = checkTimestamp(header(headers['x-tc-timestamp']), auth.toleranceMs, Date.now());
      if (typeof checked !== 'string') return this.verifyFailed(checked);
      const authorization = header(headers.authorization);
      if (authorization === undefined || authorization === '') return this.verifyFailed(MISSING_SIGNATURE);
    }
    const declared = header(headers['content-length']);
    if (declared !== undefined && Number(declared) > this.bodyLimit) return this.tooLarge;
    return undefined;
  }

  /**
   * Reads the body: the bytes, or why the request is refused (never rejects).
   *
   * @example
   * await checks.readBody(request, reqId) // the bytes, BODY_TOO_LARGE (413) or BODY_READ_FAILED
   */
  readBody(request: EndpointRequest, reqId: string): Promise<Uint8Array | Refusal> {
    const failed = (error: unknown): Refusal => {
      if (error instanceof BodyTooLargeError) return this.tooLarge;
      this.parts.logger.debug({ reqId, err: loggableError(error) }, 'request body not read');
      return BODY_READ_FAILED;
    };
    try {
      return request.readBody(this.bodyLimit).catch(failed);
    } catch (error) {
      // An adapter's reader that throws instead of rejecting is refused the same way.
      return Promise.resolve(failed(error));
    }
  }

  /**
   * Verification and lookup items: the params for the source, or why the request is refused.
   *
   * @example
   * checks.checkBody(request, Buffer.from('{"callNum":"01012345678"}')) // { callNum: '01012345678' }
   */
  checkBody(request: EndpointRequest, body: Uint8Array): Record<string, string> | Refusal {
    const { parts, auth } = this;
    this.keyIndex = -1;
    if (auth.enabled) {
      const headers = request.headers;
      // checkHeaders passed this timestamp through the window before the body was read: it
      // returns the header unchanged, so the window is not judged a second time here.
      const timestamp = header(headers['x-tc-timestamp'])!;
      const verified = verifyTimestamped(
        {
          keys: auth.keys,
          body,
          authorization: header(headers.authorization),
          // The protocol's requestURI: the path as sent, without the query string.
          uri: request.path,
          scheme: auth.scheme,
        },
        timestamp,
      );
      if (!verified.ok) return this.verifyFailed(verified);
      this.keyIndex = verified.keyIndex;
    }
    return parts.readLookup(body);
  }

  private verifyFailed(failure: { code: VerifyCode; message: string }): Refusal {
    const code = verifyOutcome(failure.code);
    this.parts.metrics.verifyFailure(code);
    return new Refusal(code, failure.message);
  }
}

/**
 * A single header value; a repeated header (an array) counts as malformed, hence absent.
 *
 * @example
 * header(['a', 'b']) // undefined
 */
export function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
