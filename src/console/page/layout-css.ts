/**
 * The page frame both tabs share: colours, header and tabs, cards, headings, and the form
 * controls and buttons. First in PAGE_CSS, so every later part may override it.
 */
export const LAYOUT_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --brand: #2f5bea; --ok: #1f7a4d; --bad: #b42318; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "NanumGothic", sans-serif; color: var(--ink); background: var(--bg); word-break: keep-all; overflow-wrap: break-word; }
small, .en { color: var(--muted); font-weight: normal; font-size: 12px; margin-left: 4px; }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px 0; }
header.top h1 { font-size: 18px; margin: 0 0 8px; }
nav.tabs { display: flex; gap: 4px; flex-wrap: wrap; }
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
.actions { display: flex; gap: 8px; margin-top: 12px; }`;
