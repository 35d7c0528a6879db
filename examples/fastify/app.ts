import Fastify from 'fastify';
import { createEndpoint, loadConfigFile } from 'custlink/server';
import { custlinkFastify } from 'custlink/server/adapters';

const endpoint = await createEndpoint(loadConfigFile(process.env.CUSTLINK_CONFIG ?? 'custlink.yaml'));
const app = Fastify();
// The plugin reads the raw body in its own scope; the app's JSON parser elsewhere is untouched.
await app.register(custlinkFastify, { endpoint });
app.get('/', async () => 'your own routes go on as before');
app.addHook('onClose', () => endpoint.close());

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
console.log(`listening on ${address}${endpoint.paths.api.join(', ')}`);
process.once('SIGTERM', () => void app.close());
