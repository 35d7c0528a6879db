import { z } from 'zod';

/** `log`: logging. */
export const log = z
  .strictObject({
    level: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .meta({ description: 'One JSON line per request at `info`; lookup and result values are never logged.' }),
  })
  .prefault({})
  .meta({ description: 'Logging (pino, to stdout).' });
