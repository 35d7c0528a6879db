/** The 티켓관리 tab: sample tickets, the opened ticket with 정보검색, and 부가정보 → 고객정보. */
export const TICKET_SECTION = `<section id="panel-ticket" role="tabpanel" aria-labelledby="tab-ticket" hidden>
  <div class="ticket-layout">
    <div class="card ticket-list">
      <h2>티켓 목록 <small>Tickets</small></h2>
      <table class="list" id="ticket-list"></table>
    </div>
    <div class="ticket-main">
      <div class="card" id="ticket-view"><p class="muted">티켓을 선택하세요. <small>Open a ticket.</small></p></div>
      <form id="search-form" class="card" novalidate>
        <h2>정보검색 <small>Customer search: each API's lookup items</small></h2>
        <div id="search-area"></div>
      </form>
    </div>
    <aside class="card" id="side-panel" aria-live="polite">
      <h2>부가정보 <small>Side info</small></h2>
      <nav class="subtabs"><span class="current">고객정보 <small>Customer info</small></span></nav>
      <div id="customer-blocks"><p class="muted">조회 전입니다. <small>Not looked up yet.</small></p></div>
      <div id="other-tickets"></div>
      <div id="lookup-history"></div>
    </aside>
  </div>
</section>`;
