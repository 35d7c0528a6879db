/** The API 설정 tab: several APIs as Online Contact's [고객정보연동 → API 설정] holds them; drawn by the page. */
export const SETTINGS_SECTION = `<section id="panel-settings" role="tabpanel" aria-labelledby="tab-settings">
  <form id="settings-form" novalidate>
    <div class="bar">
      <h2>고객정보연동 API 설정 <small>Customer-info integration: API settings</small></h2>
      <div class="actions">
        <button type="button" id="add-api">추가 <small>Add API</small></button>
        <button type="submit" class="primary" id="save">저장 <small>Save</small></button>
      </div>
    </div>
    <div id="settings-status" role="status"></div>
    <div id="apis"></div>
    <datalist id="ticket-field-codes"></datalist>
  </form>
</section>`;
