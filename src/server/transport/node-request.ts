import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, type EndpointRequest } from '../types.js';

const STATE = Symbol('custlink.bodyReader');
type Tagged = IncomingMessage & { [STATE]?: NodeRequest };

/**
 * A `node:http` request as the pipeline sees it. The body is read only when the pipeline asks,
 * after the header checks, and reading stops at the limit without buffering the rest. The
 * stream listeners are module-level functions (the state rides on the request), so reading a
 * body allocates no closures beyond the promise's.
 *
 * @example
 * const request = new NodeRequest(req, '/lookup');
 * const bytes = await request.readBody(16384);
 */
export class NodeRequest implements EndpointRequest {
  readonly method: string;
  readonly headers: IncomingMessage['headers'];
  readonly remoteAddress: string | undefined;
  private first: Buffer | undefined;
  private chunks: Buffer[] | undefined;
  private size = 0;
  private limit = 0;
  private resolve: ((body: Uint8Array) => void) | undefined;
  private reject: ((error: Error) => void) | undefined;

  /**
   * @param expectsContinue the client sent `Expect: 100-continue` and waits for a go-ahead before
   * the body: it is given when the body is asked for, so a refused request never uploads it.
   */
  constructor(
    private readonly req: IncomingMessage,
    readonly path: string,
    private expectsContinue?: ServerResponse,
  ) {
    this.method = req.method ?? 'GET';
    this.headers = req.headers;
    this.remoteAddress = req.socket.remoteAddress;
  }

  /** Whether the client still waits for `100 Continue`: its body was never asked for. */
  get bodyWithheld(): boolean {
    return this.expectsContinue !== undefined;
  }

  readBody(limit: number): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      this.limit = limit;
      this.resolve = resolve;
      this.reject = reject;
      const req = this.req as Tagged;
      if (req.readableEnded) return this.finish(undefined);
      if (this.expectsContinue !== undefined) {
        this.expectsContinue.writeContinue();
        this.expectsContinue = undefined;
      }
      req[STATE] = this;
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('close', onClose);
    });
  }

  /** @internal */
  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.limit) return this.finish(new BodyTooLargeError(this.limit));
    if (this.first === undefined) this.first = chunk;
    else (this.chunks ??= [this.first]).push(chunk);
  }

  /** @internal */
  finish(error: Error | undefined): void {
    const { resolve, reject } = this;
    if (resolve === undefined || reject === undefined) return;
    this.resolve = this.reject = undefined;
    const req = this.req as Tagged;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
    req[STATE] = undefined;
    if (error !== undefined) return reject(error);
    // The common case is one chunk: no copy.
    const body = this.chunks !== undefined ? Buffer.concat(this.chunks, this.size) : (this.first ?? EMPTY);
    this.first = this.chunks = undefined;
    resolve(body);
  }
}

const EMPTY = new Uint8Array(0);

function onData(this: Tagged, chunk: Buffer): void {
  this[STATE]?.push(chunk);
}

function onEnd(this: Tagged): void {
  this[STATE]?.finish(undefined);
}

function onError(this: Tagged, error: Error): void {
  this[STATE]?.finish(error);
}

function onClose(this: Tagged): void {
  // After 'end' the reader is gone; a close before it means the client went away mid-body.
  this[STATE]?.finish(new Error('the client closed the connection before the body ended'));
}
