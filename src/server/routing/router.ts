import { OPS_PATHS } from '../ops/paths.js';

/** Which part of the endpoint answers a path. */
export type Route = 'api' | 'ops';

/** The paths an endpoint answers, for transports that must declare their routes (Fastify). */
export interface EndpointPaths {
  readonly api: readonly string[];
  readonly ops: readonly string[];
}

/**
 * The endpoint's one routing decision, made from the path alone so every transport routes alike:
 * the API path(s), the operations paths, or neither (`undefined`: the endpoint answers 404, a
 * middleware hands the request on to the app).
 *
 * @example
 * const route = createRouter(['/customer']);
 * route('/customer') // 'api'
 * route('/metrics')  // 'ops'
 * route('/other')    // undefined
 */
export function createRouter(apiPaths: readonly string[]): ((path: string) => Route | undefined) & { paths: EndpointPaths } {
  const routes = new Map<string, Route>();
  for (const path of OPS_PATHS) routes.set(path, 'ops');
  // An API path wins over an ops path; the config check refuses that overlap anyway.
  for (const path of apiPaths) routes.set(path, 'api');
  const route = (path: string): Route | undefined => routes.get(path);
  return Object.assign(route, { paths: { api: [...apiPaths], ops: OPS_PATHS } });
}
