import type { AddressInfo } from 'node:net';
import express from 'express';
import { createEndpoint, loadConfigFile } from 'custlink/server';
import { custlinkExpress } from 'custlink/server/adapters';

const endpoint = await createEndpoint(loadConfigFile(process.env.CUSTLINK_CONFIG ?? 'custlink.yaml'));
const app = express();
// Before any body parser: the signature covers the raw bytes, which express.json() would consume.
app.use(custlinkExpress(endpoint));
app.use(express.json());
app.get('/', (_req, res) => {
  res.send('your own routes go on as before');
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`listening on http://${address}:${port}${endpoint.paths.api.join(', ')}`);
});
process.once('SIGTERM', () => server.close(() => void endpoint.close()));
