/** The page's style sheet, served as /assets/console.css (the CSP allows no inline style). */
export const PAGE_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --brand: #2f5bea; --ok: #1f7a4d; --bad: #b42318; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif; color: var(--ink); background: var(--bg); }
small, .en { color: var(--muted); font-weight: normal; font-size: 12px; margin-left: 4px; }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px 0; }
header.top h1 { font-size: 18px; margin: 0 0 8px; }
nav.tabs { display: flex; gap: 4px; }
nav.tabs button { border: 1px solid var(--line); border-bottom: none; background: var(--bg); padding: 8px 16px; border-radius: 6px 6px 0 0; cursor: pointer; font: inherit; }
nav.tabs button[aria-selected="true"] { background: #fff; font-weight: 600; border-color: var(--brand); color: var(--brand); }
main { padding: 20px 24px; }
section.card, aside.card, .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
h2 { font-size: 16px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 16px 0 8px; }
.field { display: grid; grid-template-columns: 200px 1fr; gap: 8px; align-items: start; margin-bottom: 12px; }
.field > label, .field > .label { font-weight: 600; padding-top: 6px; }
input[type="text"], input[type="number"], input[type="url"], select, textarea { font: inherit; padding: 5px 8px; border: 1px solid #bcccdc; border-radius: 4px; width: 100%; max-width: 520px; }
table.items input, table.items select { max-width: none; }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--bad); background: #fff5f5; }
.field-error { color: var(--bad); font-size: 12px; margin-top: 2px; }
button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #9fb3c8; background: #fff; cursor: pointer; }
button.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
button.primary small { color: #dbe4ff; }
button:disabled { opacity: .6; cursor: wait; }
.actions { display: flex; gap: 8px; margin-top: 12px; }
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
pre.yaml, pre.oc-server-text { background: #f8fafc; color: var(--ink); border: 1px solid var(--line); }
.ticket-layout { display: grid; grid-template-columns: minmax(220px, 1fr) minmax(0, 2fr) minmax(260px, 1.2fr); gap: 16px; align-items: start; }
@media (max-width: 1100px) { .ticket-layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .ticket-list { grid-column: 1 / -1; } }
@media (max-width: 860px) { .field { grid-template-columns: 1fr; } .ticket-layout { grid-template-columns: minmax(0, 1fr); } main { padding: 12px; } }
table.list { border-collapse: collapse; width: 100%; }
table.list th, table.list td { text-align: left; padding: 6px; border-bottom: 1px solid var(--line); font-size: 13px; }
table.list tr[data-ticket] { cursor: pointer; }
table.list tr[data-ticket]:hover, table.list tr.open { background: #eef4ff; }
fieldset.search-api { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 8px 12px; min-width: 0; }
fieldset.search-api legend { font-weight: 600; padding: 0 4px; }
.search-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px 12px; }
.search-item span { display: block; font-size: 12px; color: var(--muted); }
.subtabs { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
.subtabs .current { display: inline-block; padding: 4px 10px; border-bottom: 2px solid var(--brand); font-weight: 600; }
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
`;
