import { SINGLE_API_NAME } from './constants.js';
import type { ApiConfig, ApiEndpointConfig, EndpointConfig } from './types.js';

/**
 * Where API `index`'s keys are in the file, for error messages: `apis[1].` in the `apis` form,
 * nothing in the single-API form (its keys are at the top level).
 *
 * @example
 * `${apiKeyPrefix(config, 1)}auth.replay.store` // 'apis[1].auth.replay.store'
 */
export function apiKeyPrefix(config: EndpointConfig, index: number): string {
  const single = config.apis.length === 1 && config.apis[0]!.name === SINGLE_API_NAME;
  return single ? '' : `apis[${index}].`;
}

/**
 * What one API's source, replay store and pipeline read: the shared keys and that API's own.
 *
 * @example
 * const sources = await Promise.all(config.apis.map((api) => openSource(apiView(config, api))));
 */
export function apiView(config: EndpointConfig, api: ApiConfig): ApiEndpointConfig {
  const { apis: _, ...shared } = config;
  return { ...shared, ...api };
}

/**
 * The view of a config's only (or first) API: what a test or a single-API tool reads.
 *
 * @example
 * onlyApi(parseConfig(raw)).lookup // { callNum: {...} }
 */
export function onlyApi(config: EndpointConfig): ApiEndpointConfig {
  return apiView(config, config.apis[0]!);
}
