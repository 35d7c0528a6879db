/**
 * The default `ops.allowIps`: loopback and the private ranges, where probes and Prometheus run.
 * The endpoint faces the helpdesk over the internet; its traffic counts and source health do not.
 */
export const PRIVATE_NETWORKS: readonly string[] = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'];

/** The name of the one API of the single-API form (its `api` metrics label). */
export const SINGLE_API_NAME = 'default';

/** The default `auth.replay.maxEntries`: 10 minutes of 160 requests a second, about 15 MB. */
export const DEFAULT_REPLAY_MAX_ENTRIES = 100_000;
