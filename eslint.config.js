// Lint rules, including the layering (docs/architecture.md): a wrong import fails `npm run lint` (and CI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layering from './scripts/eslint/layering.js';

// The layering (docs/architecture.md, "Boundaries the build enforces"): each layer lists what it MAY
// import; scripts/eslint/layering.js reports anything else, however it is loaded (static, `export …
// from`, `import()`, `require()`, `typeof import()`). Paths are repository folders (ending in `/`) or
// files; `nodeBuiltins` means every name in `module.builtinModules`, bare or `node:`-prefixed.
const PURE = ['engine/types/', 'engine/model/', 'engine/check/', 'engine/hostApi/'];
// The engine's host side, lowest first: a layer may import itself and every layer before it.
const STACK = ['files', 'sdk', 'nodes', 'runtime', 'store', 'host', 'server', 'cli'].map(
  (l) => `engine/${l}/`,
);
const below = (layer) => [...PURE, ...STACK.slice(0, STACK.indexOf(layer) + 1)];
const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  '@xyflow/react',
  'zustand',
  'monaco-editor',
  '@monaco-editor/react',
  '@tanstack/react-virtual',
  'elkjs',
  // Descriptions in Markdown, rendered to React elements (no innerHTML; raw HTML dropped).
  'react-markdown',
];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const ENGINE_TEST_SUPPORT = ['engine/testing/**', 'engine/**/testing/**'];

/** One layer: the files it covers, what they may import, and per-file additions (`also`). */
const layers = [
  // A folder of engine/ with no layer of its own may import nothing: give it a layer here.
  { files: ['engine/**/*.ts'], layer: 'engine/ (a folder with no layer)' },
  { files: ['engine/types/**/*.ts'], layer: 'engine/types', paths: ['engine/types/'] },
  { files: ['engine/model/**/*.ts'], layer: 'engine/model', paths: PURE.slice(0, 2), packages: ['zod'] },
  { files: ['engine/check/**/*.ts'], layer: 'engine/check', paths: PURE.slice(0, 3) },
  { files: ['engine/hostApi/**/*.ts'], layer: 'engine/hostApi', paths: PURE, packages: ['zod'] },
  {
    files: ['engine/files/**/*.ts'],
    layer: 'engine/files',
    nodeBuiltins: true,
    paths: below('engine/files/'),
  },
  { files: ['engine/sdk/**/*.ts'], layer: 'engine/sdk', nodeBuiltins: true, paths: below('engine/sdk/') },
  {
    files: ['engine/nodes/**/*.ts'],
    layer: 'engine/nodes',
    nodeBuiltins: true,
    paths: below('engine/nodes/'),
    packages: ['@duckdb/node-api', 'croner', 'esbuild', 'libsql', 'pg'],
    also: [
      // User-written nodes are loaded from their file's URL.
      { files: ['engine/nodes/registry.ts'], computedImports: true },
    ],
  },
  {
    files: ['engine/runtime/**/*.ts'],
    layer: 'engine/runtime',
    nodeBuiltins: true,
    paths: below('engine/runtime/'),
    // A node process loads user node modules and preloads by path.
    also: [
      {
        files: ['engine/runtime/worker/nodeWorker.ts', 'engine/runtime/worker/inferenceMain.ts'],
        computedImports: true,
      },
    ],
  },
  {
    files: ['engine/store/**/*.ts'],
    layer: 'engine/store',
    nodeBuiltins: true,
    paths: below('engine/store/'),
    packages: ['libsql'],
  },
  { files: ['engine/host/**/*.ts'], layer: 'engine/host', nodeBuiltins: true, paths: below('engine/host/') },
  {
    files: ['engine/server/**/*.ts'],
    layer: 'engine/server',
    nodeBuiltins: true,
    paths: below('engine/server/'),
    packages: ['ws', 'hono', '@hono/zod-openapi', '@hono/node-server'],
  },
  {
    files: ['engine/cli/**/*.ts'],
    layer: 'engine/cli',
    nodeBuiltins: true,
    paths: below('engine/cli/'),
    // `sluice serve` loads scripts/build.mjs from the checkout it runs in, only when it must build.
    also: [{ files: ['engine/cli/serve.ts'], computedImports: true }],
  },
  {
    files: [...ENGINE_TEST_SUPPORT, 'engine/**/*.test.ts'],
    layer: 'engine tests',
    nodeBuiltins: true,
    paths: ['engine/', 'scripts/build.mjs'],
    packages: ['vitest', 'pg', 'ws', 'libsql', '@seriousme/openapi-schema-validator'],
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    layer: 'renderer/src',
    paths: ['renderer/src/', ...PURE],
    packages: RENDERER_PACKAGES,
    also: [
      // The desktop host client speaks the preload's contract; no other renderer file does.
      { files: ['renderer/src/host/preloadClient.ts'], paths: ['electron/contract/'] },
    ],
  },
  {
    // Tests of the renderer run in Node under vitest, against a real host and real Electron modules.
    files: TESTS.map((t) => `renderer/src/${t}`),
    layer: 'renderer tests',
    nodeBuiltins: true,
    paths: ['renderer/src/', 'engine/', 'electron/'],
    packages: [...RENDERER_PACKAGES, 'vitest', 'ws'],
  },
  {
    files: ['electron/**/*.ts'],
    layer: 'electron/ (main process)',
    nodeBuiltins: true,
    paths: ['electron/', ...below('engine/server/')],
    packages: ['electron', 'zod'],
  },
  {
    // Sandboxed: bundled into one CommonJS file whose only `require` is 'electron'.
    files: ['electron/preload.ts'],
    layer: 'electron/preload.ts',
    paths: ['electron/contract/'],
    typeOnlyPaths: PURE,
    packages: ['electron'],
  },
  {
    files: ['electron/contract/**/*.ts'],
    layer: 'electron/contract',
    paths: ['electron/contract/', ...PURE],
  },
  {
    files: TESTS.map((t) => `electron/${t}`),
    layer: 'electron tests',
    nodeBuiltins: true,
    paths: ['electron/', 'engine/', 'renderer/src/'],
    packages: ['electron', 'vitest', 'zod'],
  },
];

function layerBlocks({ files, also = [], ...allow }) {
  const { layer, ...rest } = allow;
  const blocks = [{ files, rules: { 'layering/imports': ['error', { layer, ...rest }] } }];
  for (const extra of also) {
    const merged = {
      layer,
      ...rest,
      computedImports: extra.computedImports ?? rest.computedImports ?? false,
    };
    merged.paths = [...(rest.paths ?? []), ...(extra.paths ?? [])];
    blocks.push({ files: extra.files, rules: { 'layering/imports': ['error', merged] } });
  }
  return blocks;
}

// Node's globals, which the renderer and the pure modules never have (their type-checks fail on them too).
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  '__dirname',
  '__filename',
  'require',
  'module',
  'exports',
]
  .concat(['setImmediate', 'clearImmediate'])
  .map((name) => ({ name, message: `'${name}' is a Node.js global: this code runs in a page.` }));

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
  { plugins: { layering } },
  ...layers.flatMap(layerBlocks),
  {
    // The fixtures break the layering on purpose; scripts/layering.test.ts lints them at their target paths.
    ignores: ['scripts/layering-fixtures/**'],
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx', ...PURE.map((p) => `${p}**/*.ts`)],
    ignores: TESTS,
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: TESTS,
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
    },
  },
);
