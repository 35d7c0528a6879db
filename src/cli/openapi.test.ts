import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-utils/run-cli.js';

const CONFIG = fileURLToPath(new URL('../../examples/express/custlink.yaml', import.meta.url));
const KEY = 'bf7769e5321448de88838cdb';
const env = { CUSTLINK_KEY: KEY };

describe('custlink openapi', () => {
  it('prints the OpenAPI 3.1 document of the configured endpoint, without the key', async () => {
    const { code, stdout, stderr } = await runCli(['openapi', '--config', CONFIG], '', env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/customer']);
    expect(doc.components.schemas.LookupItems.required).toEqual(['callNum']);
    expect(Object.keys(doc.components.schemas.CustomerData.properties.data.properties)).toEqual(['userName', 'id', 'email', 'grade']);
    expect(stdout).not.toContain(KEY);
  });

  it.each([['/customer'], ['customer']])('selects the API by its path with --api %s', async (api) => {
    const { code, stdout } = await runCli(['openapi', '--config', CONFIG, '--api', api], '', env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).paths).toHaveProperty('/customer');
  });

  it('refuses an --api the config does not serve, naming the one it does', async () => {
    const { code, stdout, stderr } = await runCli(['openapi', '--config', CONFIG, '--api', 'orders'], '', env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--api "orders" is not an API of');
    expect(stderr).toContain('it has default (/customer)');
  });

  it('names the config problem and exits 2: a missing file, an unset key', async () => {
    const missing = await runCli(['openapi', '--config', 'nowhere.yaml'], '', env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.yaml: file not found');
    const unset = await runCli(['openapi', '--config', CONFIG], '', {});
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('environment variable CUSTLINK_KEY is not set');
  });

  it('is listed in the help', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/openapi\s+print an OpenAPI 3\.1 document/);
  });
});
