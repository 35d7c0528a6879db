import { basename, isAbsolute, relative, sep } from 'node:path';
import { makeCustomer, type Customer } from './customer.js';
import { counted } from '../utils/plural.js';

/** What the demo prints once it listens. */
export interface DemoInstructionsInput {
  url: string;
  key: string;
  keyFile: string;
  configFile: string;
  rows: number;
  /** A customer that exists in the demo data, to look up. */
  customer: Customer;
  /** How to run the CLI from the user's shell: `node dist/cli/bin.js`, `npx custlink`, ... */
  cli: string;
  /** Console settings pointed at this demo (`custlink console --settings FILE`). */
  consoleFile?: string;
}

/**
 * How the user's shell runs this CLI: `custlink` when installed on PATH, `npx custlink` from a
 * project that depends on it, and `node dist/cli/bin.js` inside the custlink repository itself
 * (where `npx custlink` does not resolve the package's own bin).
 *
 * @example
 * cliInvocation('/work/main/dist/cli/bin.js', '/work/main') // 'node dist/cli/bin.js'
 */
export function cliInvocation(script: string | undefined, cwd: string): string {
  if (!script) return 'npx custlink';
  if (basename(script) === 'custlink') return 'custlink';
  if (script.split(sep).includes('node_modules')) return 'npx custlink';
  if (!script.endsWith('.js')) return 'npx custlink';
  const path = relative(cwd, script);
  return `node ${path.startsWith('..') || isAbsolute(path) ? script : path}`;
}

/**
 * The lines `custlink demo` prints: where it listens, the key, and commands to copy that sign a
 * real lookup and send it. The curl line reads the signed headers from stdin (`-H @-`) and sends
 * the very bytes that were signed (`--data-raw`), so it gets a 200 as pasted.
 *
 * @example
 * process.stdout.write(demoInstructions({ url, key, keyFile, configFile, rows, customer, cli: 'npx custlink' }));
 */
export function demoInstructions(input: DemoInstructionsInput): string {
  const { url, key, customer, cli } = input;
  const body = JSON.stringify({ callNum: customer.phone });
  const quotedBody = `'${body}'`;
  return `custlink demo: ${counted(input.rows, 'customer')}, listening on ${url}
  security key (암호화 키): ${key}   (${input.keyFile})
  config:                  ${input.configFile}

Look up ${customer.name} (${customer.phoneDisplay}), signed with the demo key:

  printf '%s' ${quotedBody} | ${cli} sign --key ${key} --headers | curl -sS -H @- -H 'Content-Type: application/json' --data-raw ${quotedBody} ${url}

or with custlink's own client:

  ${cli} call ${url} --key ${key} callNum=${customer.phone}
${
    input.consoleFile === undefined
      ? ''
      : `
or as an agent sees it, on the helpdesk's ticket screen (in another terminal, then open its URL):

  ${cli} console --settings ${input.consoleFile}
`
  }
Ctrl+C stops the server.
`;
}

/**
 * The customer the printed commands look up: the first of the rows with a Korean address and
 * both kinds of cash, so the answer shows every result item with a non-zero value.
 *
 * @example
 * showcaseCustomer(20260101, 100_000).cashBonus > 0 // true
 */
export function showcaseCustomer(seed: number, rows: number): Customer {
  const limit = Math.min(rows, 1_000);
  for (let i = 0; i < limit; i++) {
    const c = makeCustomer(seed, i);
    if (c.nation === 'korea' && c.cashReal > 0 && c.cashBonus > 0) return c;
  }
  return makeCustomer(seed, 0);
}
