import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createEndpoint, loadConfigFile } from 'custlink/server';
import { createFetchHandler } from 'custlink/server/adapters';

const endpoint = await createEndpoint(loadConfigFile(process.env.CUSTLINK_CONFIG ?? 'custlink.yaml'));
const handle = createFetchHandler(endpoint);
const app = new Hono();
// The peer address from Hono's conn info: allowIps and the ops paths' private-network check need it.
for (const path of [...endpoint.paths.api, ...endpoint.paths.ops]) {
  app.all(path, (c) => handle(c.req.raw, { remoteAddress: getConnInfo(c).remote.address }));
}
app.get('/', (c) => c.text('your own routes go on as before'));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`listening on http://${info.address}:${info.port}${endpoint.paths.api.join(', ')}`);
});
process.once('SIGTERM', () => server.close(() => void endpoint.close()));
