import { z } from 'zod';
import { integer } from './fields.js';

/** `limits`: sizes and time limits. */
export const limits = z
  .strictObject({
    bodyBytes: integer(64, 1_048_576).default(16_384).meta({ description: 'Larger request bodies get 413 BODY_TOO_LARGE (declared or counted) and the connection closes.' }),
    sourceTimeoutMs: integer(1, 600_000)
      .default(2_000)
      .meta({ description: 'A lookup or `/readyz` check past this is 500 SOURCE_TIMEOUT (SQLite is synchronous and cannot be cut short).' }),
    headersTimeoutMs: integer(100, 600_000)
      .default(5_000)
      .meta({ description: 'The request line and headers must arrive within this (counted from the first byte, checked every 0.5 s), else 408 REQUEST_TIMEOUT and the connection closes.' }),
    bodyTimeoutMs: integer(100, 600_000).default(5_000).meta({ description: 'The body gets this much more: the whole request within `headersTimeoutMs + bodyTimeoutMs`.' }),
    maxConnections: integer(1, 1_000_000).default(4_096).meta({ description: 'Open connections per process; one more is closed as soon as it is accepted.' }),
    drainIdleMs: integer(0, 60_000)
      .default(300)
      .meta({ description: 'On SIGTERM new connections are refused and every request already sent is answered (with `Connection: close`); a keep-alive connection idle this long is closed, and after 10 s the rest are cut.' }),
    workerHeartbeatTimeoutMs: integer(2_000, 600_000)
      .default(10_000)
      .meta({
        description:
          'With `serve --workers`: each worker reports to the primary every second from its event loop; one silent this long (hung, stopped) is killed and another started (`custlink_workers_replaced_total{reason="heartbeat"}`).',
      }),
  })
  .prefault({})
  .meta({ description: 'Sizes and time limits.' });
