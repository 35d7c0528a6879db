import type { LookupResult } from '../client/types.js';
import type { Bilingual, LookupView, ResultItemSetting, ResultRow } from './types.js';

/** The most of a response body the page shows; enough for any sane answer, bounded for a bad one. */
const SHOWN_BODY_CHARS = 8 * 1024;

/**
 * A result value as text. The protocol says strings; anything else is shown as JSON so the
 * developer sees exactly what their endpoint sent (`null`, a number, an object).
 *
 * @example
 * displayValue('홍*동') // '홍*동'
 * displayValue(12)     // '12'
 */
function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}

function rowsOf(data: Record<string, unknown>, items: readonly ResultItemSetting[]): ResultRow[] {
  return items.map(({ name, label }) => {
    const present = Object.hasOwn(data, name);
    return { name, label, value: present ? displayValue(data[name]) : '', missing: !present };
  });
}

/**
 * What the page shows for one lookup: the agent's view (message, 결과 항목 rows in configured
 * order, keys the helpdesk would drop) and the technical detail, the response cut to 8 KB.
 *
 * @example
 * const view = lookupView(await client.lookup(items), settings.resultItems);
 * view.rows[0] // { name: 'userName', label: '고객명', value: '홍*동', missing: false }
 */
export function lookupView(result: LookupResult, items: readonly ResultItemSetting[], hints: Bilingual[] = []): LookupView {
  const data = result.ok && result.data !== undefined ? result.data : undefined;
  const configured = new Set(items.map((i) => i.name));
  const body = result.rawBody;
  const truncated = body.length > SHOWN_BODY_CHARS;
  return {
    status: result.status,
    ok: result.ok,
    message: result.agentMessage,
    rows: data === undefined ? [] : rowsOf(data, items),
    extras:
      data === undefined
        ? []
        : Object.entries(data)
            .filter(([name]) => !configured.has(name))
            .map(([name, value]) => ({ name, value: displayValue(value) })),
    ...(result.error === undefined
      ? {}
      : {
          error: {
            code: displayValue(result.error.code),
            message: displayValue(result.error.message),
            detail: result.error.detail === null || result.error.detail === undefined ? '' : displayValue(result.error.detail),
          },
        }),
    elapsedMs: Math.round(result.durationMs),
    hints,
    detail: {
      request: { method: result.request.method, url: result.request.url, headers: result.request.headers, body: result.request.body },
      response: {
        status: result.status,
        headers: result.headers,
        body: truncated ? body.slice(0, SHOWN_BODY_CHARS) : body,
        bytes: Buffer.byteLength(body),
        truncated,
      },
      ...(result.cause === undefined ? {} : { cause: result.cause }),
    },
  };
}
