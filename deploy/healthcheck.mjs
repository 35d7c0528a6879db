// The image's HEALTHCHECK: GET /healthz where the config says custlink listens (listen.port, and
// HTTPS when listen.tls is set), so a changed port or TLS does not turn a healthy container
// unhealthy. Exits 0 when it answers 200, 1 otherwise. The config is read as `serve` reads it
// (same file, same environment), from CUSTLINK_CONFIG or /etc/custlink/custlink.yaml.
import { request as http } from 'node:http';
import { request as https } from 'node:https';
import process from 'node:process';
import { loadConfigFile } from 'custlink/server';

const WILDCARD = { '0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1' };

try {
  const { listen } = loadConfigFile(process.env.CUSTLINK_CONFIG ?? '/etc/custlink/custlink.yaml');
  // ops.allowIps lets loopback read /healthz by default, and this probe runs inside the container.
  const host = WILDCARD[listen.host] ?? listen.host;
  const tls = listen.tls !== undefined;
  // The certificate names the public host, not loopback: liveness is the question here, not trust.
  const options = { host, port: listen.port, path: '/healthz', timeout: 4000, ...(tls && { rejectUnauthorized: false }) };
  const probe = (tls ? https : http)(options, (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  });
  probe.on('timeout', () => probe.destroy(new Error('timeout')));
  probe.on('error', () => process.exit(1));
  probe.end();
} catch (error) {
  process.stderr.write(`custlink healthcheck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
