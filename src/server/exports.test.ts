import { describe, expect, it } from 'vitest';
import * as adapters from './adapters/index.js';
import * as server from './index.js';

// The public surface is a promise to users: adding to it is a decision, so it is listed here.
describe('custlink/server and custlink/server/adapters', () => {
  it('export what an application needs and no internals', () => {
    expect(Object.keys(server).sort()).toEqual([
      'BodyTooLargeError',
      'ConfigError',
      'createEndpoint',
      'functionSource',
      'loadConfigFile',
      'parseConfig',
      'startServer',
    ]);
    expect(Object.keys(adapters).sort()).toEqual(['createFetchHandler', 'custlinkExpress', 'custlinkFastify']);
  });
});
