/**
 * The 티켓관리 tab: its three-column layout, the ticket list and the search form. The
 * narrow-screen rules for the whole page are here because they must come after the `.field`
 * and `main` rules they override.
 */
export const TICKET_CSS = `
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
.subtabs .current { display: inline-block; padding: 4px 10px; border-bottom: 2px solid var(--brand); font-weight: 600; }`;
