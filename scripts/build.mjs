// Builds what the app and the CLI run. Engine and Electron bundles with esbuild (fast: it runs on
// every `npm install` through `prepare`), the renderer with Vite.
//   node scripts/build.mjs              engine only
//   node scripts/build.mjs --renderer   engine + renderer
//   node scripts/build.mjs --all        engine + renderer + electron main/preload
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

/**
 * One ESM bundle for Node with the packages left external (the engine, benchmarks' API bundles and
 * the docs generator all build this way). `options` are esbuild's, e.g. entryPoints/outdir or
 * stdin/outfile.
 */
export async function bundleForNode(options) {
  await build({
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    ...options,
  });
}

export async function buildEngine() {
  await bundleForNode({
    entryPoints: {
      cli: 'engine/cli/main.ts',
      worker: 'engine/runtime/worker/workerMain.ts',
    },
    outdir: 'dist/engine',
    outExtension: { '.js': '.js' },
    sourcemap: true,
  });
}

export async function buildElectron() {
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron'],
  };
  // Main process: ESM would need Electron ≥ 28 flags; CJS keeps it simple. Engine deps stay external.
  // Engine modules bundled into it read import.meta.url (empty in CJS): give them this file's URL.
  await build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    packages: 'external',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__sluiceMainUrl' },
    banner: { js: "const __sluiceMainUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // A sandboxed preload must be one CommonJS file with nothing but `electron` required.
  await build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
  });
}

export async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildEngine();
    if (args.has('--renderer') || args.has('--all')) await buildRenderer();
    if (args.has('--all')) await buildElectron();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
