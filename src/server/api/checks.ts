import type pino from 'pino';
import { ConfigError } from '../config/error.js';
import type { ApiEndpointConfig } from '../config/types.js';
import { storedFormWarnings } from '../sources/normalize-check.js';
import { serverPlanWarnings } from '../sources/server-plan.js';
import type { Source } from '../types.js';

/**
 * Throws a `ConfigError` naming each result item whose column the source's query does not
 * return. Checked at open because otherwise every found customer would answer 500 at run time;
 * a source that cannot tell its columns before a query (`columns` undefined) is not checked.
 *
 * @example
 * checkColumns(config, await openSource(config)); // ConfigError: result.userName: column "nmae" is not in the query's result (it returns: name, member_id, phone)
 */
export function checkColumns(config: ApiEndpointConfig, source: Source): void {
  const columns = source.columns;
  if (columns === undefined) return;
  const issues = Object.entries(config.result)
    .filter(([, item]) => !columns.includes(item.column))
    .map(([key, item]) => ({
      path: `result.${key}`,
      message: `column "${item.column}" is not in the query's result (it returns: ${columns.join(', ')})`,
    }));
  if (issues.length > 0) throw new ConfigError(issues);
}

/**
 * Logs what an opened API serves but should not as is: unverified requests or a short key, the
 * source's own warnings, and with `checkStoredForm` the stored values not in their lookup item's
 * `normalize` form (a query per item, so only where a person reads the start). Warnings, not
 * errors: each is a choice a deployment may make knowingly.
 *
 * @example
 * await warnAtOpen(config, source, logger.child({ api: config.name }), true);
 */
export async function warnAtOpen(config: ApiEndpointConfig, source: Source, logger: pino.Logger, checkStoredForm: boolean): Promise<void> {
  if (!config.auth.enabled) {
    logger.warn('auth.enabled is false: requests are NOT verified (helpdesk API 암호화 여부 = 아니오); anyone who can reach the endpoint can look customers up');
  } else if (config.auth.keys.some((k) => k.length < 16)) {
    logger.warn('an auth key is shorter than 16 characters; the helpdesk generates 24-character keys');
  }
  const storedForm = checkStoredForm ? [...(await storedFormWarnings(config, source)), ...(await serverPlanWarnings(config, source))] : [];
  for (const warning of [...(source.warnings ?? []), ...storedForm]) logger.warn(warning);
}
