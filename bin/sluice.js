#!/usr/bin/env node
// The `sluice` command. Runs the bundled CLI; rebuilds the engine bundle first when a source file is
// newer than it, so `npx sluice` works in a clone right after `npm install` and after any edit.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/engine/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const engineDir = path.join(root, 'engine');
const stale =
  !existsSync(bundle) || (existsSync(engineDir) && newestSource(engineDir) > statSync(bundle).mtimeMs);
if (stale) {
  const { buildEngine } = await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href);
  await buildEngine();
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
