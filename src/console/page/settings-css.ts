/**
 * The API 설정 tab: item tables, the key box, per-API fieldsets, 구분 and 채널 columns. The
 * key-value table and the alerts, which the ticket tab uses too, stay where the sheet always
 * had them, between item-table rules, so the served sheet did not change when it was split.
 */
export const SETTINGS_CSS = `
table.items { border-collapse: collapse; width: 100%; }
table.items td:last-child { width: 1%; white-space: nowrap; }
table.items select { min-width: 104px; }
table.items input[type="number"] { width: 80px; }
input:disabled { background: var(--bg); color: var(--muted); }
table.items th, table.items td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
table.kv { border-collapse: collapse; width: 100%; }
table.kv th { width: 40%; text-align: left; color: var(--muted); font-weight: 600; padding: 6px 8px; border-bottom: 1px solid var(--line); }
table.kv td { padding: 6px 8px; border-bottom: 1px solid var(--line); word-break: break-all; }
td.missing { color: var(--muted); font-style: italic; }
.alert { border-radius: 6px; padding: 10px 14px; margin: 8px 0; border: 1px solid; }
.alert.ok { background: #ecfdf3; border-color: #abefc6; color: var(--ok); }
.alert.bad { background: #fef3f2; border-color: #fecdca; color: var(--bad); }
.alert.info { background: #fffaeb; border-color: #fedf89; color: var(--warn); }
.alert strong { display: block; font-size: 15px; }
.keybox { font: 15px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #111827; color: #f9fafb; padding: 8px 12px; border-radius: 4px; display: inline-block; user-select: all; }
.bar { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
.bar .actions { margin-top: 0; }
fieldset.api { min-width: 0; }
fieldset.api h3 { margin: 0; }
h4 { font-size: 13px; margin: 16px 0 6px; }
.scroll { overflow-x: auto; }
.scroll-hint { display: none; margin: 0 0 4px; font-size: 12px; color: var(--warn); }
.scroll-hint.shown { display: block; }
@media (max-width: 600px) { main { padding: 8px; } header.top { padding: 8px 8px 0; } section.card, aside.card, .card { padding: 12px; } fieldset.api { padding: 8px; margin: 0 0 12px; } .actions { flex-wrap: wrap; } }
table.items { table-layout: auto; min-width: 900px; }
table.items input[type="text"] { min-width: 120px; }
table.result { min-width: 0; }
table.items td { min-width: 90px; }
table.items td:first-child { min-width: 64px; white-space: nowrap; }
table.items input[type="checkbox"] { margin-top: 8px; }
.field-error { display: block; max-width: 520px; }
.kind { display: inline-block; padding: 4px 6px; border-radius: 4px; background: var(--bg); font-size: 12px; }
.kind.ticketField { background: #eef4ff; color: var(--brand); }
.channels { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; margin-top: 4px; }
.channels label { white-space: nowrap; }
.key .actions, .oc-server .actions { margin: 6px 0; }
pre.yaml, pre.oc-server-text { background: #f8fafc; color: var(--ink); border: 1px solid var(--line); }`;
