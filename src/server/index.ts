/**
 * The customer-info endpoint (고객정보 연동 서버): configured in YAML, served on plain
 * `node:http`, or mounted in a framework (`custlink/server/adapters`). Only what an application
 * needs is here; the CLI and the tests import the endpoint's parts from their own modules.
 */
export { parseConfig, type ParseConfigOptions } from './config/parse.js';
export { loadConfigFile } from './config/load-file.js';
export { ConfigError, type ConfigIssue } from './config/error.js';
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
export { startServer, type RunningServer, type StartServerOptions } from './transport/http.js';
export {
  functionSource,
  type LookupFunction,
  type LookupContext,
  type LookupAnswer,
  type FunctionSourceOptions,
} from './sources/function.js';
// For a transport of your own: translate its request into an `EndpointRequest`, answer with the
// `EndpointResponse` as is; `readBody` rejects with a `BodyTooLargeError` past its limit.
export {
  BodyTooLargeError,
  type EndpointRequest,
  type EndpointResponse,
  type Handler,
  type Row,
  type Source,
} from './types.js';
