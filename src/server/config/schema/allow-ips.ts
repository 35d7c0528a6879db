import { z } from 'zod';
import { parseCidr } from '../../vocabulary/cidr.js';
import { OPS_PATHS } from '../../vocabulary/ops-paths.js';
import { PRIVATE_NETWORKS } from '../constants.js';

const allowIp = z.string().refine((e) => parseCidr(e) !== null, 'not an IP address or CIDR block (e.g. 10.0.0.0/8)');

/** `allowIps`: who may call at all. */
export const allowIps = z
  .array(allowIp)
  .min(1, 'must list at least one block (remove the key to allow every address)')
  .optional()
  .meta({
    description:
      'Only these IPv4/IPv6 addresses or CIDR blocks may call (else 403 IP_NOT_ALLOWED, for any path); absent: every address. IPv4 seen as `::ffff:a.b.c.d` matches IPv4 blocks.',
    examples: [['203.0.113.0/24', '127.0.0.1/32']],
  });

/** `ops`: who may read the operations paths. */
export const ops = z
  .strictObject({
    allowIps: z
      .array(allowIp)
      .min(1, 'must list at least one block')
      .default([...PRIVATE_NETWORKS])
      .meta({ description: `Who may read ${OPS_PATHS.join(', ')} (default: loopback and the private networks).`, examples: [['10.0.0.0/8']] }),
  })
  .prefault({})
  .meta({ description: 'The operations paths: health, readiness and Prometheus metrics.' });
