import { z } from 'zod';
import { OPS_PATHS } from '../../vocabulary/ops-paths.js';
import { auth } from './auth.js';
import { apiPath, nonEmpty } from './fields.js';
import { lookup, result } from './items.js';
import { source } from './sources.js';

/** What one API is: written at the top level in the single-API form, in each `apis` entry otherwise. */
export const apiKeys = { auth, lookup, source, result };

export const api = z
  .strictObject({
    name: nonEmpty.meta({
      description: "The API 이름, any text (`회원정보`), unique: the `api` label of the metrics, the `api` field of the log lines, and what `serve` prints beside the API's URL.",
      examples: ['회원정보'],
    }),
    path: apiPath.meta({
      description: `This API's path, matched exactly, unique, not an ops path (${OPS_PATHS.join(', ')}); the helpdesk's 기본 URL for this API ends with it. Each API's keys open only its own path.`,
      examples: ['/members'],
    }),
    ...apiKeys,
  })
  .meta({ description: 'One API: its name, its path, and its own auth, lookup, source and result.' });
