import { describe, expect, it } from 'vitest';
import { onlyApi } from '../config/apis.js';
import { parseConfig } from '../config/parse.js';
import { subjectHash } from './format.js';
import type { PendingLookup } from './sink.js';
import { createAuditStep } from './step.js';

const AUDIT_KEY = 'step-test-audit-key-0123456789abcdef';

function step() {
  const config = parseConfig(
    {
      auth: { keys: ['bf7769e5321448de88838cdb'] },
      lookup: { callNum: { required: true }, nation: { values: ['korea', 'japan'] }, agentId: {} },
      source: { type: 'sqlite', file: 'crm.sqlite', query: 'SELECT name FROM customers WHERE phone = :callNum' },
      result: { userName: 'name' },
      audit: { dir: '/nonexistent/audit', key: AUDIT_KEY, agentItem: 'agentId' },
    },
    { env: {} },
  );
  const records: PendingLookup[] = [];
  const audit = createAuditStep(onlyApi(config), { failure: undefined, failures: 0, close() {}, append: (r) => (records.push(r), Promise.resolve()) });
  return { audit, records };
}

describe('createAuditStep', () => {
  it('hashes every subject under audit.key, a listed value as any other, and keeps the agent in clear', async () => {
    const { audit, records } = step();
    await audit('10.0.0.7', 'r1', 'OK', { callNum: '01012345678', nation: 'korea', agentId: 'agent-7' }, 0);
    await audit('10.0.0.7', 'r2', 'NOT_FOUND', { callNum: '01099998888', nation: 'japan' }, 0);
    expect(records[0]).toMatchObject({
      reqId: 'r1', found: true, items: ['userName'], agent: 'agent-7',
      subjects: { callNum: subjectHash(AUDIT_KEY, '01012345678'), nation: subjectHash(AUDIT_KEY, 'korea') },
    });
    expect(records[1]).toMatchObject({ found: false, items: [], agent: null, subjects: { callNum: subjectHash(AUDIT_KEY, '01099998888'), nation: subjectHash(AUDIT_KEY, 'japan') } });
    expect(JSON.stringify(records)).not.toMatch(/01012345678|01099998888|korea|japan/);
  });
});
