import { z } from 'zod';
import { OPS_PATHS } from '../../vocabulary/ops-paths.js';
import { apiPath, boolean, integer, nonEmpty } from './fields.js';

const tls = z
  .strictObject({
    cert: nonEmpty.meta({ description: 'The certificate chain (PEM file).' }),
    key: nonEmpty.meta({ description: 'Its private key (PEM file).' }),
    ca: nonEmpty.optional().meta({ description: 'CA certificates to trust (PEM file), if not the system ones.' }),
  })
  .meta({
    description:
      'Serve HTTPS with these files (relative paths resolve against the config file). Without it, a warning at start unless the host is loopback: the helpdesk calls over HTTPS, so set this or terminate TLS in a proxy in front.',
    examples: [{ cert: 'cert.pem', key: 'key.pem' }],
  });

export const listen = z
  .strictObject({
    host: nonEmpty.default('127.0.0.1').meta({ description: 'The address to listen on; `0.0.0.0` accepts connections from other machines.' }),
    port: integer(0, 65535).default(8080).meta({ description: 'The TCP port (`0`: any free port).', examples: [8443, '${PORT}'] }),
    path: apiPath.default('/').meta({
      description: `The API path (single-API form; with \`apis\` each entry has its own), matched exactly but for one trailing slash (\`/oc/\` is \`/oc\`, \`/oc//\` is not); the helpdesk's 기본 URL must end with it. Any other path is 404, except the ops paths (${OPS_PATHS.join(', ')}), which it cannot be.`,
      examples: ['/custlink'],
    }),
    tls: tls.optional(),
    trustProxy: z
      .union([boolean, integer(0, 16)], { error: 'must be true, false or a number of proxies' })
      .default(false)
      .meta({
        description:
          '`false`: the client address is the socket\'s; `true` (one proxy) or N: the address N entries from the right of X-Forwarded-For. Behind a trusted proxy a request without the header has no address (and fails `allowIps`).',
        examples: [1],
      }),
  })
  .prefault({})
  .meta({ description: 'Where the endpoint listens (`custlink serve`).' });
