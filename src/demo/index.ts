/**
 * Generated demo customers (deterministic Korean names, unique 010 numbers, the guide's
 * game-account fields) and the files `custlink demo` serves them from.
 */
export { createRng, rowRng, pick, weighted, intBetween, type Rng, type Weighted } from './prng.js';
export { koreanName, type KoreanName } from './korean-names.js';
export { makeCustomer, demoPhone, formatPhone, MAX_CUSTOMERS, type Customer } from './customer.js';
export {
  buildDemoDatabase,
  ensureDemoDatabase,
  readDemoMeta,
  DEFAULT_DEMO_ROWS,
  DEFAULT_DEMO_SEED,
  DEMO_SCHEMA_VERSION,
  type DemoDatabase,
  type DemoDatabaseOptions,
} from './database.js';
export { prepareDemo, demoConfigYaml, DEMO_CONFIG_NAME, DEMO_DB_NAME, DEMO_KEY_NAME, type DemoSetup, type DemoSetupOptions } from './files.js';
export { demoInstructions, cliInvocation, showcaseCustomer, type DemoInstructionsInput } from './instructions.js';
