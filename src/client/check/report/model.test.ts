import { describe, expect, it } from 'vitest';
import type { CheckReport, ProbeResult } from '../types.js';
import { latencyFacts } from '../latency-probe.js';
import { renderHtml } from './html.js';
import { buildDocument, HASH_PLACEHOLDER, sealReport } from './model.js';
import { buildPosture, sha256, type PostureConfig } from './posture.js';
import { histogramSvg } from './svg-histogram.js';

const probe = (id: string, verdict: ProbeResult['verdict'], status?: number): ProbeResult => ({
  id, title: id, expected: '-', got: '-', agent: status === undefined ? null : { ko: 'x', en: 'x' }, verdict, ...(status === undefined ? {} : { status }),
});
const report = (probes: ProbeResult[]): CheckReport => {
  const summary = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const p of probes) summary[p.verdict]++;
  return { url: 'https://crm.example.com/oc', scheme: 'body+timestamp', timeoutMs: 5000, ok: summary.fail === 0, summary, probes };
};
const meta = { lang: 'ko' as const, generatedAt: new Date('2026-12-07T05:00:00Z'), custlinkVersion: '0.1.0', key: 'k'.repeat(24) };

describe('buildDocument', () => {
  it('says pass, pass with warnings or fail from the probes', () => {
    expect(buildDocument(report([probe('a', 'pass'), probe('b', 'skip')]), meta).verdict).toBe('pass');
    expect(buildDocument(report([probe('a', 'pass'), probe('b', 'warn')]), meta).verdict).toBe('pass-with-warnings');
    expect(buildDocument(report([probe('a', 'warn'), probe('b', 'fail')]), meta).verdict).toBe('fail');
  });

  it("lists each status's agent message with the probes that got it; no answer and unlisted statuses show the 500 one", () => {
    const doc = buildDocument(report([probe('found', 'pass', 200), probe('large-body', 'fail', 0), probe('x', 'fail', 502), probe('wrong-key', 'pass', 403)]), meta);
    expect(doc.agentMessages).toEqual([
      { status: 200, ko: '조회 성공', en: 'Lookup succeeded', probes: ['found'] },
      { status: 400, ko: '조회 결과가 없습니다.', en: 'No result.', probes: [] },
      { status: 403, ko: '요청한 서버에 조회 권한이 없습니다.', en: 'No permission on the requested server.', probes: ['wrong-key'] },
      { status: 404, ko: '요청한 서버에 에러가 있습니다.', en: 'The requested server has an error.', probes: [] },
      { status: 500, ko: '오류가 발생하였습니다.', en: 'An error occurred.', probes: ['large-body', 'x'] },
    ]);
    expect(doc.checkedKeyFingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(doc)).not.toContain(meta.key);
  });
});

describe('sealReport', () => {
  it('writes the hash of the text with the placeholder in place, in the last placeholder only', () => {
    const text = `body ${HASH_PLACEHOLDER} echoed by the endpoint\nfooter ${HASH_PLACEHOLDER}\n`;
    const sealed = sealReport(text, sha256);
    expect(sealed).toBe(`body ${HASH_PLACEHOLDER} echoed by the endpoint\nfooter ${sha256(text)}\n`);
    expect(() => sealReport('no placeholder', sha256)).toThrow(/placeholder/);
  });
});

describe('latencyFacts', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyFacts(samples)).toMatchObject({ p50: 50, p95: 95, p99: 99, max: 100 });
    expect(latencyFacts([7])).toMatchObject({ p50: 7, p95: 7, p99: 7, max: 7 });
  });
});

describe('histogramSvg', () => {
  it('draws one bar per bin with its count, and the range', () => {
    const svg = histogramSvg([1, 1, 1, 2, 10], { label: '응답 <시간>', bins: 3 });
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('aria-label="응답 &#60;시간&#62;"');
    expect(svg).toMatch(/>4<\/text>.*>1<\/text>/);
    expect(svg).not.toMatch(/href|<script/);
    expect(histogramSvg([], { label: 'none' })).toContain('n = 0');
  });
});

describe('buildPosture', () => {
  const config: PostureConfig = {
    listen: { trustProxy: 1 },
    apis: [
      { name: 'members', path: '/members', auth: { enabled: true, keys: ['key-one-0123456789abcdef', 'key-two-0123456789abcdef'], scheme: 'auto', replay: { store: 'redis' as const } }, result: { phone: { column: 'phone' }, email: { column: 'email', mask: 'email' as const }, name: { column: 'name', mask: { keepFirst: 1, keepLast: 0 } } } },
      { name: 'payments', path: '/payments', auth: { enabled: true, keys: ['key-three-0123456789abcd'], scheme: 'auto' }, result: { phone: { column: 'phone' } } },
    ],
  };
  const input = { config, configText: 'yaml', configFile: 'custlink.yaml', url: 'https://crm.example.com/members', key: 'key-two-0123456789abcdef', unmaskedLooking: ['phone'] };

  it('flags the unmasked-looking item of the probed API only, with key fingerprints, rotation and replay', () => {
    const p = buildPosture(input);
    expect(p.apis.map((a) => [a.name, a.probed, a.rotating, a.replay])).toEqual([
      ['members', true, true, { enabled: true, store: 'redis' }],
      ['payments', false, false, { enabled: false, store: null }],
    ]);
    expect(p.apis[0]?.result).toEqual([
      { item: 'phone', column: 'phone', mask: null, unmaskedLooking: true },
      { item: 'email', column: 'email', mask: 'email', unmaskedLooking: false },
      { item: 'name', column: 'name', mask: 'keepFirst 1, keepLast 0', unmaskedLooking: false },
    ]);
    expect(p.apis[1]?.result[0]?.unmaskedLooking).toBe(false);
    expect(p).toMatchObject({ trustProxy: 1, allowIps: null, cache: { enabled: false }, checkedKeyListed: true, configSha256: sha256('yaml') });
    expect(JSON.stringify(p)).not.toMatch(/key-(one|two|three)/);
  });

  it('says the records go to a PostgreSQL table, with the URL\'s password masked and no retention of its own', () => {
    const audit = { dir: '/var/lib/custlink/audit', key: 'audit-secret', keepDays: 365, fsync: 'off', onFailure: 'refuse', postgres: { url: 'postgres://custlink_audit_writer:pg-s3cret@audit-db:5432/audit', table: 'custlink_audit' } };
    const p = buildPosture({ ...input, config: { ...config, audit } });
    expect(p.audit).toMatchObject({ store: 'postgres', dir: '/var/lib/custlink/audit', postgres: { url: 'postgres://custlink_audit_writer:***@audit-db:5432/audit', table: 'custlink_audit' }, keepDays: null, fsync: null });
    const page = renderHtml(buildDocument(report([probe('found', 'pass', 200)]), { ...meta, posture: p }));
    expect(page).toContain('PostgreSQL 테이블 custlink_audit (postgres://custlink_audit_writer:***@audit-db:5432/audit)');
    expect(page).toContain('custlink는 행을 지우지 않음');
    expect(page).not.toContain('365일 보관');
    for (const text of [JSON.stringify(p), page]) {
      expect(text).not.toContain('pg-s3cret');
      expect(text).not.toContain('audit-secret');
    }
  });

  it('reads an audit section when there is one, defensively, and says unset without', () => {
    expect(buildPosture(input).audit).toEqual({ configured: false, store: null, dir: null, postgres: null, keepDays: null, fsync: null, onFailure: null, keyFingerprint: null });
    const audit = { dir: '/var/audit', key: 'audit-secret', keepDays: 730, fsync: 1000, onFailure: 'refuse' };
    const p = buildPosture({ ...input, config: { ...config, audit } });
    expect(p.audit).toMatchObject({ configured: true, store: 'files', dir: '/var/audit', postgres: null, keepDays: 730, fsync: 1000, onFailure: 'refuse', keyFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(JSON.stringify(p)).not.toContain('audit-secret');
    expect(buildPosture({ ...input, config: { ...config, audit: { keepDays: '730', dir: 5 } } }).audit).toMatchObject({ configured: true, dir: null, keepDays: null });
  });
});
