import { formatTable } from '../../client/table.js';
import type { LookupResult } from '../../client/types.js';

/**
 * One lookup as text: request, status, the agent's message in Korean and English, the error or
 * cause, the time, then the result items as a table.
 *
 * @example
 * io.stdout.write(formatResult(await client.lookup({ callNum: '01012345678' })));
 */
export function formatResult(result: LookupResult): string {
  const rows: string[][] = [
    ['request', `POST ${result.request.url} (${result.request.bodyBytes} bytes)`],
    ['status', result.status === 0 ? '0 (no HTTP answer)' : String(result.status)],
    ['agent (ko)', result.agentMessage.ko],
    ['agent (en)', result.agentMessage.en],
  ];
  if (result.error) {
    const { code, message, detail } = result.error;
    rows.push(['error', `code ${String(code)}: ${message}${detail === null ? '' : ` (detail: ${JSON.stringify(detail)})`}`]);
  }
  if (result.cause !== undefined) rows.push(['cause', result.cause]);
  rows.push(['time', `${result.durationMs} ms`]);
  const lines = [formatTable(['', ''], rows).split('\n').slice(1).join('\n')];
  if (result.data) {
    const items = Object.entries(result.data).map(([k, v]) => [k, typeof v === 'string' ? v : `${JSON.stringify(v)} (not a string)`]);
    lines.push('', items.length > 0 ? formatTable(['result item', 'value'], items) : '(no result items)');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One lookup as a plain object for `--output json`; the Authorization value stays redacted.
 *
 * @example
 * JSON.stringify(resultJson(result)) // '{"status":200,"ok":true,...}'
 */
export function resultJson(result: LookupResult) {
  return {
    status: result.status,
    ok: result.ok,
    agentMessage: result.agentMessage,
    ...(result.data ? { data: result.data } : {}),
    ...(result.error ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    durationMs: result.durationMs,
    request: result.request,
    response: { headers: result.headers, body: result.rawBody },
  };
}
