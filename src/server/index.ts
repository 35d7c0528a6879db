/**
 * The customer-info endpoint (고객정보 연동 서버): configured in YAML, served on plain
 * `node:http`, or mounted in a framework through `createEndpoint(...).handle`.
 */
export { parseConfig, loadConfigFile, type ParseConfigOptions } from './config/parse.js';
export { ConfigError, type ConfigIssue } from './config/error.js';
export { STARTER_CONFIG } from './config/starter.js';
export { OPS_PATHS } from './config/types.js';
export type {
  EndpointConfig,
  LookupItemConfig,
  ResultItemConfig,
  MaskSpec,
  SourceConfig,
  SqliteSourceConfig,
  SqlServerSourceConfig,
  HttpSourceConfig,
  FunctionSourceConfig,
} from './config/types.js';
export { createEndpoint, type Endpoint, type EndpointOptions } from './endpoint.js';
export { startServer, type RunningServer, type StartServerOptions } from './http.js';
export { NodeRequest } from './node-request.js';
export { clientIp } from './client-ip.js';
export { openSource } from './sources/index.js';
export { openSqliteSource } from './sources/sqlite.js';
export { openHttpSource, HttpSourceError, MAX_UPSTREAM_BYTES, type HttpSourceOptions } from './sources/http.js';
export {
  functionSource,
  type LookupFunction,
  type LookupContext,
  type LookupAnswer,
  type FunctionSourceOptions,
} from './sources/function.js';
export { maskPhone, maskEmail, maskName, maskKeep } from './mask.js';
export { CODES, type OutcomeCode } from './responses.js';
export {
  BodyTooLargeError,
  type EndpointRequest,
  type EndpointResponse,
  type Handler,
  type Row,
  type Source,
} from './types.js';
