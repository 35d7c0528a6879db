import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Layers point down: utils <- protocol <- client, server <- console, demo <- cli. What the package
// publishes is held to it; tests may reach up (a server test runs `custlink check` against it).
const TESTS = ['src/**/*.test.ts', 'src/**/*.test.helper.ts', 'src/**/test-utils/**'];
const LAYERS = {
  utils: ['protocol', 'client', 'server', 'console', 'demo', 'cli'],
  protocol: ['client', 'server', 'console', 'demo', 'cli'],
  client: ['server', 'console', 'demo', 'cli'],
  server: ['client', 'console', 'demo', 'cli'],
  demo: ['client', 'console', 'cli'],
  console: ['server', 'demo', 'cli'],
};
const layerPatterns = (layer) => [
  {
    regex: `^(\\.\\./)+(${LAYERS[layer].join('|')})/`,
    message: `src/${layer} must not import ${LAYERS[layer].join(', ')}: layers point down (README, Development).`,
  },
];

// Inside src/server the folders stand on floors, read off the imports: each may import only the
// floors below it, never its own floor's other folders nor anything above (src/server/README.md).
// A name ending in `.ts` is one file of src/server itself; `types.ts` (the handler and source
// types, importing nothing) stands under everything, vocabulary/ included.
const SERVER_FLOORS = [
  ['types.ts'],
  ['vocabulary'],
  ['config'],
  ['replay', 'routing', 'catalog'],
  ['ops'],
  ['cache', 'audit', 'openapi'],
  ['pipeline'],
  ['sources'],
  ['endpoint-types.ts'],
  ['api'],
  ['endpoint.ts'],
  ['transport'],
  ['cluster'],
  ['adapters'],
  ['index.ts'],
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unitName = (unit) => (unit.endsWith('.ts') ? `src/server/${unit}` : `src/server/${unit}/`);
const unitFiles = (unit) => (unit.endsWith('.ts') ? [`src/server/${unit}`] : [`src/server/${unit}/**/*.ts`]);

/** The `no-restricted-imports` pattern that keeps `unit` off the floors above its own. */
function floorPattern(floor, unit) {
  const above = SERVER_FLOORS.slice(floor).flat().filter((u) => u !== unit);
  const folders = above.filter((u) => !u.endsWith('.ts'));
  const files = above.filter((u) => u.endsWith('.ts')).map((u) => escape(u.replace(/\.ts$/, '.js')));
  // A file of src/server itself imports `./config/...`; one in a folder `../config/...` or deeper.
  const up = unit.endsWith('.ts') ? '\\./' : '(\\.\\./)+';
  return {
    regex: `^${up}(${[...folders.map((f) => `${f}/`), ...files.map((f) => `${f}$`)].join('|')})`,
    message: `${unitName(unit)} must not import ${above.map(unitName).join(', ')}: the server's folders stand on floors and import only downwards (eslint.config.js, SERVER_FLOORS).`,
  };
}

const serverRules = SERVER_FLOORS.flatMap((units, index) =>
  units.flatMap((unit) => {
    if (SERVER_FLOORS.slice(index).flat().length === 1) return [];
    return [{ files: unitFiles(unit), ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [...layerPatterns('server'), floorPattern(index, unit)] }] } }];
  }),
);

const layerRules = Object.keys(LAYERS).map((layer) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: TESTS,
  rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(layer) }] },
}));

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layerRules,
  ...serverRules,
  {
    // No module imports itself through others, dynamic imports included (`import type` is erased
    // at build and left out): a cycle
    // is what makes the load order matter and a folder's floor meaningless.
    files: ['src/**/*.ts'],
    ignores: TESTS,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // The sources import `./x.js` for `./x.ts`, as Node resolves the built files.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
