// Lint rules, including the layering of design.md: a wrong import fails `npm run lint` (and CI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'crypto',
  'url',
  'stream',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.ts',
      'bench/results/**',
      '.tmp/**',
      '.sluice/**',
      'release/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Benchmarks and E2E specs run code in the page too (page.evaluate).
    files: ['bench/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine never imports Electron.
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'engine/ must not import electron (design.md: layers).',
            },
            {
              group: ['**/renderer/**', '**/electron/**'],
              message: 'engine/ must not import the renderer or electron/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine's pure modules are bundled by the renderer: no Node.js, no Electron.
    files: ['engine/model/**/*.ts', 'engine/types/**/*.ts', 'engine/check/**/*.ts', 'engine/hostApi/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron'],
              message: 'Pure engine modules must not import Node.js or Electron: the renderer bundles them.',
            },
            {
              group: ['**/runtime/**', '**/server/**', '**/cli/**', '**/nodes/**', '**/store/**'],
              message: 'Pure engine modules must not import the engine host side.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to the host API only: no Node.js, no Electron, no engine host side.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron', 'electron/main', 'electron/renderer', 'electron/common'],
              message: 'The renderer must not import Node.js or Electron: it talks to the host API.',
            },
            {
              group: [
                '**/engine/runtime/**',
                '**/engine/host/**',
                '**/engine/server/**',
                '**/engine/cli/**',
                '**/engine/nodes/**',
                '**/engine/store/**',
                '**/engine/sdk/**',
                '**/electron/*.js',
              ],
              message:
                'The renderer may import only engine/model, engine/types, engine/check and engine/host.',
            },
          ],
        },
      ],
    },
  },
);
