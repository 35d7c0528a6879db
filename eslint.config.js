import js from '@eslint/js';
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
const layerRules = Object.entries(LAYERS).map(([layer, above]) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: TESTS,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${above.join('|')})/`,
            message: `src/${layer} must not import ${above.join(', ')}: layers point down (README, Development).`,
          },
        ],
      },
    ],
  },
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
);
