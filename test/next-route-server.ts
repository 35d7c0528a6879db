import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';

/*
 * Plays `next start` for one App Router route handler, since next itself is not installed here:
 * a request for the route's path becomes a web `Request` handed to the exported function of its
 * method, with the context argument Next passes. Run in the Next project's folder:
 *   PORT=0 node --import tsx test/next-route-server.ts /customer
 */
const path = process.argv[2] ?? '/';
const route = (await import(pathToFileURL(join(process.cwd(), 'app', path, 'route.ts')).href)) as Record<string, unknown>;

const server = serve(
  {
    fetch(request) {
      if (new URL(request.url).pathname !== path) return new Response('This page could not be found.', { status: 404 });
      const handler = route[request.method];
      if (typeof handler !== 'function') return new Response(null, { status: 405 });
      return (handler as (request: Request, context: unknown) => Promise<Response>)(request, { params: Promise.resolve({}) });
    },
    port: Number(process.env.PORT ?? 3000),
    hostname: '127.0.0.1',
  },
  (info) => console.log(`listening on http://${info.address}:${info.port}${path}`),
);
// As `next start` does, a SIGTERM ends the process once the open requests are answered.
process.once('SIGTERM', () => server.close(() => process.exit(0)));
