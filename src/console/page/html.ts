import { SETTINGS_SECTION } from './settings-html.js';
import { TICKET_SECTION } from './ticket-html.js';

/**
 * The page's static frame. Everything that depends on settings or on an answer is built by the
 * browser modules with DOM calls and `textContent`, never by string concatenation into HTML.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>custlink console · 고객정보 연동</title>
<link rel="stylesheet" href="/assets/console.css">
<script type="module" src="/assets/main.js"></script>
</head>
<body>
<header class="top">
  <h1>custlink console <small>고객정보 연동 · plays the Online Contact helpdesk against your endpoint</small></h1>
  <nav class="tabs" role="tablist">
    <button type="button" role="tab" id="tab-settings" aria-controls="panel-settings" aria-selected="true">API 설정 <small>API settings</small></button>
    <button type="button" role="tab" id="tab-ticket" aria-controls="panel-ticket" aria-selected="false">티켓관리 <small>Tickets</small></button>
  </nav>
</header>
<main>
<div id="page-alert"></div>
${SETTINGS_SECTION}
${TICKET_SECTION}
</main>
</body>
</html>
`;
