/** custlink's Node entry: the protocol core on `node:crypto`. */
export * from './protocol/index.js';
