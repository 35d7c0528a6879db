export { custlinkExpress, type ExpressAdapterOptions } from './express.js';
export { custlinkFastify, type FastifyAdapterOptions, type FastifyLike } from './fastify.js';
export { createFetchHandler, type FetchAdapterOptions, type FetchRequestInfo } from './fetch.js';
export type { AdapterEndpoint } from './endpoint.js';
