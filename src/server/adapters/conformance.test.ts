import { adapterSuite } from './test-utils/adapter-suite.js';
import { TRANSPORTS } from './test-utils/transports.js';

// One table of requests, answered alike by every way of serving the endpoint.
for (const transport of TRANSPORTS) adapterSuite(transport);
