import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { signRequest } from '../../../protocol/sign.js';
import { createEndpoint, parseConfig, type Endpoint } from '../../index.js';
import { makeCustomer, type Customer } from '../../../demo/customer.js';
import { buildDemoDatabase, DEFAULT_DEMO_SEED } from '../../../demo/database.js';
import { demoConfigYaml } from '../../../demo/files.js';

export interface DemoEndpoint {
  endpoint: Endpoint;
  key: string;
  customer: Customer;
  /** A body and headers that the endpoint answers 200, signed now. */
  signed(body?: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

/**
 * A real endpoint over a small demo database in a temp directory, logging nowhere.
 *
 * @example
 * const demo = await demoEndpoint();
 * const { body, headers } = demo.signed();
 */
export async function demoEndpoint(rows = 300): Promise<DemoEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-adapter-'));
  const key = 'bf7769e5321448de88838cdb';
  buildDemoDatabase({ file: join(dir, 'demo.sqlite'), rows });
  const file = join(dir, 'custlink.demo.yaml');
  const config = parseConfig(parse(demoConfigYaml({ host: '127.0.0.1', port: 0 })), { file, env: { CUSTLINK_KEY: key } });
  const endpoint = await createEndpoint(config, { logger: pino({ level: 'silent' }) });
  const customer = makeCustomer(DEFAULT_DEMO_SEED, 42);
  return {
    endpoint,
    key,
    customer,
    signed(body = JSON.stringify({ callNum: customer.phone })) {
      const { authorization, timestamp } = signRequest({ key, body });
      return { body, headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp } };
    },
    async close() {
      await endpoint.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
