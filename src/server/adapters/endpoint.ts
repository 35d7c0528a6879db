import { errorEnvelope } from '../../protocol/envelope.js';
import type { Endpoint } from '../endpoint.js';
import type { EndpointResponse } from '../types.js';

/**
 * The part of an `Endpoint` (from `createEndpoint`) that adapters use: they translate requests
 * for `handle`, route by its `paths` (through the endpoint's own router), and decide nothing else.
 */
export type AdapterEndpoint = Pick<Endpoint, 'paths' | 'handle'>;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A 500 error envelope for a mistake in how an adapter is mounted, worded for the operator who
 * reads the response in a test call; the helpdesk shows its own 500 message anyway.
 *
 * @example
 * misconfigured('BODY_ALREADY_PARSED', 'express.json() read the body first').status // 500
 */
export function misconfigured(code: string, message: string): EndpointResponse {
  return {
    status: 500,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify(errorEnvelope(code, message)),
  };
}
