import { describe, expect, it } from 'vitest';
import { makeCustomer } from './customer.js';
import { cliInvocation, demoInstructions, showcaseCustomer } from './instructions.js';

describe('cliInvocation', () => {
  it('names the CLI the way the user’s shell can run it', () => {
    expect(cliInvocation('/work/main/dist/cli/bin.js', '/work/main')).toBe('node dist/cli/bin.js');
    expect(cliInvocation('/app/node_modules/custlink/dist/cli/bin.js', '/app')).toBe('npx custlink');
    expect(cliInvocation('/usr/local/bin/custlink', '/home/me')).toBe('custlink');
  });
});

describe('demoInstructions', () => {
  it('prints a sign | curl line that sends the very body it signs', () => {
    const customer = showcaseCustomer(1, 1_000);
    const text = demoInstructions({
      url: 'http://127.0.0.1:8080/',
      key: 'k'.repeat(24),
      keyFile: 'data/demo-key.txt',
      configFile: 'data/custlink.demo.yaml',
      rows: 1_000,
      customer,
      cli: 'node dist/cli/bin.js',
    });
    const body = `'{"callNum":"${customer.phone}"}'`;
    expect(text).toContain(`printf '%s' ${body} | node dist/cli/bin.js sign --key ${'k'.repeat(24)} --headers`);
    expect(text).toContain(`--data-raw ${body} http://127.0.0.1:8080/`);
    expect(text).toContain(`call http://127.0.0.1:8080/ --key ${'k'.repeat(24)} callNum=${customer.phone}`);
  });

  it('shows off a customer with both kinds of cash', () => {
    const customer = showcaseCustomer(1, 1_000);
    expect(customer.cashReal).toBeGreaterThan(0);
    expect(customer.cashBonus).toBeGreaterThan(0);
    expect(showcaseCustomer(1, 1)).toEqual(makeCustomer(1, 0));
  });
});
