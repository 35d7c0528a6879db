/** The 티켓 tab: a sample ticket, its 조회 항목 (drawn by the page) and the 고객 정보 panel. */
export const TICKET_SECTION = `<section id="panel-ticket" role="tabpanel" aria-labelledby="tab-ticket" hidden>
  <div class="ticket-layout">
    <div>
      <div class="card">
        <div class="meta">티켓 #20260101-0042 · 접수 <small>Received</small> 2026-01-01 10:42 · 채널 <small>Channel</small>: 이메일</div>
        <h2 id="ticket-subject">[문의] 캐시 충전 내역이 보이지 않습니다 <small>Top-up not shown</small></h2>
        <blockquote id="ticket-message">안녕하세요. 어제 충전한 캐시가 계정에 보이지 않습니다. 확인 부탁드립니다.</blockquote>
        <h3>요청자 <small>Requester</small></h3>
        <table class="kv"><tr><th>이름 <small>Name</small></th><td>고객</td></tr>
          <tr><th>이메일 <small>Email</small></th><td>customer@example.com</td></tr></table>
      </div>
      <form id="lookup-form" class="card" novalidate>
        <h2>고객정보 조회 <small>Customer lookup: the ticket's lookup items</small></h2>
        <div id="lookup-inputs"></div>
        <div class="actions"><button type="submit" class="primary" id="lookup">고객정보 조회 <small>Look up</small></button></div>
      </form>
    </div>
    <aside class="card" id="customer-panel" aria-live="polite">
      <h2>고객 정보 <small>Customer info</small></h2>
      <div id="customer-body"><p class="muted">조회 전입니다. <small>Not looked up yet.</small></p></div>
      <div id="customer-detail"></div>
    </aside>
  </div>
</section>`;
