import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXT, RAW_CONTROL } from './test-utils/hostile.js';
import { memoryIo } from './test-utils/memory-io.js';
import { FOUND, KEY, MISSING, startEndpoint, startServer, trackServers } from '../client/test-utils/servers.js';
import { main } from './index.js';

const track = trackServers();

const args = (url: string) => ['check', url, '--key', KEY, '--found', JSON.stringify(FOUND), '--missing', JSON.stringify(MISSING)];

describe('custlink check', () => {
  it('prints the probe table and exits 0 against a correct endpoint', async () => {
    const endpoint = await track(startEndpoint());
    const { io, out } = memoryIo();
    expect(await main(args(endpoint.url), io)).toBe(0);
    expect(out()).toMatch(/^1\s+found\s+200 data, string values\s+200 data \{userName, id\}\s+조회 성공\s+PASS$/m);
    expect(out()).toMatch(/^\d+\s+replay\s.*WARN$/m);
    expect(out()).toMatch(/: OK with warnings\n$/);
    expect(out()).not.toContain(KEY);
  });

  it('exits 1 against an endpoint that skips signature checks, and --output json says why', async () => {
    const endpoint = await track(startEndpoint({ flaw: 'no-signature-check' }));
    const { io, out } = memoryIo();
    expect(await main([...args(endpoint.url), '--output', 'json'], io)).toBe(1);
    const report = JSON.parse(out());
    expect(report.ok).toBe(false);
    expect(report.probes.find((p: { id: string }) => p.id === 'wrong-key')).toMatchObject({
      verdict: 'fail', status: 200, note: 'accepted: the request was not verified',
    });
  });

  it('shows control characters of the answer as escapes in its table; --output json stays exact', async () => {
    const raw = JSON.stringify({ error: { code: HOSTILE_TEXT, message: HOSTILE_TEXT, detail: null } });
    const endpoint = await track(startServer((_req, res) => res.writeHead(403, { 'content-type': 'application/json' }).end(raw)));
    const text = memoryIo();
    expect(await main(args(endpoint.url), text.io)).toBe(1);
    expect(text.out()).not.toMatch(RAW_CONTROL);
    expect(text.out()).toContain('403 error (code a\\u001b]0;owned\\u0007b');
    const json = memoryIo();
    await main([...args(endpoint.url), '--output', 'json'], json.io);
    const report = JSON.parse(json.out());
    expect(report.probes.find((p: { id: string }) => p.id === 'found').got).toBe(`403 error (code ${HOSTILE_TEXT})`);
  });

  it('takes the key from CUSTLINK_KEY', async () => {
    const endpoint = await track(startEndpoint());
    const { io } = memoryIo({ env: { CUSTLINK_KEY: KEY } });
    expect(await main(['check', endpoint.url, '--found', JSON.stringify(FOUND)], io)).toBe(0);
  });

  it.each([
    [['check', '--key', KEY, '--found', '{}'], 'URL is required'],
    [['check', 'http://127.0.0.1:1/', '--found', '{}'], '--key is required'],
    [['check', 'http://127.0.0.1:1/', '--key', KEY], '--found is required'],
    [['check', 'http://127.0.0.1:1/', '--key', KEY, '--found', '{"callNum":1}'], 'must be a string'],
    [['check', 'http://127.0.0.1:1/', '--key', KEY, '--found', 'callNum=1'], 'not valid JSON'],
    [['check', 'http://127.0.0.1:1/', '--key', KEY, '--found', '{}', '--timeout', '0'], 'above 0'],
    [['check', 'nope', '--key', KEY, '--found', '{}'], 'not a URL'],
  ])('exits 2 with one line for a usage error: %j', async (argv, message) => {
    const { io, err } = memoryIo();
    expect(await main(argv, io)).toBe(2);
    expect(err()).toContain(message);
    expect(err().trimEnd().split('\n')).toHaveLength(1);
  });
});
