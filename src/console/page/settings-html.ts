/** The API 설정 tab: the fields Online Contact's [고객정보연동 → API 설정] holds. Items are drawn by the page. */
export const SETTINGS_SECTION = `<section id="panel-settings" role="tabpanel" aria-labelledby="tab-settings">
  <form id="settings-form" class="card" novalidate>
    <h2>고객정보연동 API 설정 <small>Customer-info integration settings</small></h2>
    <div class="field"><label for="url">기본 URL <small>API URL</small></label>
      <div><input type="url" id="url" data-path="url" placeholder="https://crm.example.com/oc/customer" autocomplete="off"></div></div>
    <div class="field"><span class="label">API 암호화 여부 <small>Sign requests</small></span>
      <div data-path="signing"><label><input type="radio" name="signing" id="signing-yes" value="yes"> 예 <small>yes</small></label>
      <label><input type="radio" name="signing" id="signing-no" value="no"> 아니오 <small>no</small></label></div></div>
    <div class="field"><label for="key">암호화 키 <small>Security key</small></label>
      <div><div>현재 키 <small>current</small>: <span id="key-masked" class="muted"></span></div>
        <input type="text" id="key" data-path="key" placeholder="새 키를 입력할 때만 (비우면 유지) · only to replace the key" autocomplete="off" spellcheck="false">
        <div class="actions"><button type="button" id="generate-key">키 생성 <small>Generate key</small></button></div>
        <div id="key-generated"></div></div></div>
    <div class="field"><label for="scheme">서명 방식 <small>Scheme</small></label>
      <div><select id="scheme" data-path="scheme">
        <option value="body+timestamp">body + timestamp (가이드 Java 예시 · default)</option>
        <option value="uri+body+timestamp">request URI + body + timestamp</option></select></div></div>
    <div class="field"><label for="timeoutMs">타임아웃 <small>Timeout, ms</small></label>
      <div><input type="number" id="timeoutMs" data-path="timeoutMs" min="100" max="60000" step="100"></div></div>
    <h3>조회 항목 <small>Lookup items (sent to the endpoint)</small></h3>
    <div data-path="lookupItems"><table class="items" id="lookup-items"></table></div>
    <div class="actions"><button type="button" id="add-lookup">+ 조회 항목 추가 <small>Add</small></button></div>
    <h3>결과 항목 <small>Result items (shown to the agent)</small></h3>
    <div data-path="resultItems"><table class="items" id="result-items"></table></div>
    <div class="actions"><button type="button" id="add-result">+ 결과 항목 추가 <small>Add</small></button></div>
    <div class="actions">
      <button type="submit" class="primary" id="save">저장 <small>Save</small></button>
      <button type="button" id="test">연결 테스트 <small>Test connection</small></button>
    </div>
    <div id="settings-status" role="status"></div>
    <div id="test-result"></div>
  </form>
</section>`;
