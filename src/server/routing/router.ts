import { OPS_PATHS } from '../vocabulary/ops-paths.js';

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
 * middleware hands the request on to the app). One trailing slash more or less than the config
 * writes is the same path (`/oc/` is `/oc`), since admins type the helpdesk's 기본 URL either
 * way; `/oc//` is not. `configured` gives the path as the config writes it, for the pipeline and
 * ops lookups.
 *
 * @example
 * const route = createRouter(['/customer']);
 * route('/customer')             // 'api'
 * route('/customer/')            // 'api'
 * route.configured('/customer/') // '/customer'
 * route('/metrics')              // 'ops'
 * route('/other')                // undefined
 */
export function createRouter(apiPaths: readonly string[]): ((path: string) => Route | undefined) & { paths: EndpointPaths; configured(path: string): string | undefined } {
  const routes = new Map<string, Route>();
  for (const path of OPS_PATHS) routes.set(path, 'ops');
  // An API path wins over an ops path; the config check refuses that overlap anyway.
  for (const path of apiPaths) routes.set(path, 'api');
  const configured = (path: string): string | undefined => {
    if (routes.has(path)) return path;
    const other = path.endsWith('/') ? (path.length > 1 && !path.endsWith('//') ? path.slice(0, -1) : undefined) : `${path}/`;
    return other !== undefined && routes.has(other) ? other : undefined;
  };
  const route = (path: string): Route | undefined => {
    const found = configured(path);
    return found === undefined ? undefined : routes.get(found);
  };
  return Object.assign(route, { paths: { api: [...apiPaths], ops: OPS_PATHS }, configured });
}
