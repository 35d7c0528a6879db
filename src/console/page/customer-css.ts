/**
 * The 고객정보 panel and the open ticket: one block per API, the agent's line and hints, the
 * ticket's message, and the raw request and answer under 상세.
 */
export const CUSTOMER_CSS = `
section.api-block { border-bottom: 1px solid var(--line); padding: 8px 0; }
section.api-block h3 { margin: 4px 0; }
.agent-line { margin: 4px 0 8px; font-weight: 600; }
.agent-line.ok { color: var(--ok); }
.agent-line.bad { color: var(--bad); }
ul.hints { padding-left: 18px; margin: 6px 0; }
ul.hints li { margin-bottom: 6px; }
ul.hints .en { display: block; margin-left: 0; }
.meta { color: var(--muted); }
blockquote { margin: 8px 0; padding: 8px 12px; background: var(--bg); border-left: 3px solid var(--line); white-space: pre-wrap; }
details.detail summary { cursor: pointer; font-weight: 600; margin-top: 12px; }
pre { background: #0f172a; color: #e2e8f0; padding: 8px 10px; border-radius: 4px; overflow: auto; max-height: 320px; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
.muted { color: var(--muted); }
.copy-line .actions { margin-top: 4px; align-items: center; }
.inspector pre.signed-string { white-space: pre-wrap; word-break: break-all; }
table.history th, table.history td { font-size: 12px; white-space: nowrap; }
table.history td.request-id { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
a.export-history { display: inline-block; padding: 6px 14px; border: 1px solid #9fb3c8; border-radius: 4px; color: var(--ink); text-decoration: none; }`;
