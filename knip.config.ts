import type { KnipConfig } from 'knip';

// The package's entry points are its `exports` and `bin`; tests (vitest's own pattern), the bench
// (bench/index.ts and bench/soak/main.ts, found through package.json's scripts) and the scripts are
// entries of their own. An export no entry reaches is dead: `npm run knip` fails on it.
const config: KnipConfig = {
  entry: [
    'src/index.ts',
    'src/web.ts',
    'src/client/index.ts',
    'src/server/index.ts',
    'src/server/adapters/index.ts',
    'src/cli/bin.ts',
    // The console serves its page's modules from this folder by file name (src/console/assets.ts).
    'src/console/browser/main.ts',
    'scripts/*.ts',
    'examples/**/*.ts',
    // Run as a process by test/examples.test.ts.
    'test/next-route-server.ts',
  ],
  project: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', '*.ts'],
  // Debian's programs that the tests and the bench start; none is an npm package.
  ignoreBinaries: ['taskset', 'wrk', 'redis-server', 'java', 'openssl', 'systemd-analyze', 'mount', 'umount', 'script'],
  // The bench runs autocannon from a script string in a node process of its own (bench/e2e/autocannon.ts).
  ignoreDependencies: ['autocannon'],
};

export default config;
