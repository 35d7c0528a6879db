/**
 * Generated demo customers (deterministic Korean names, unique 010 numbers, the guide's
 * game-account fields) and the files `custlink demo` serves them from.
 */
export { demoPhone } from './customer.js';
export { ensureDemoDatabase } from './database.js';
export { demoConfigYaml } from './files.js';
