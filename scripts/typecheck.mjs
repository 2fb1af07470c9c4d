// Type-checks each process boundary as its own TypeScript project (see tsconfig.json), then checks
// what each browser-side program contains (scripts/typeBoundaries.mjs).
import { spawnSync } from 'node:child_process';

const projects = [
  'engine/tsconfig.pure.json',
  'engine/tsconfig.json',
  'renderer/tsconfig.json',
  'electron/tsconfig.json',
  'electron/tsconfig.preload.json',
  'tsconfig.tools.json',
];
let failed = 0;
for (const p of projects) {
  const r = spawnSync('npx', ['tsc', '-p', p, '--noEmit'], { stdio: 'inherit' });
  console.log(`tsc -p ${p}: ${r.status === 0 ? 'ok' : 'errors'}`);
  if (r.status !== 0) failed++;
}
// What the browser-side programs may hold: no Node types in the renderer or the pure modules, no
// engine host side in the renderer or the preload, whatever a package's types reference.
const b = spawnSync('node', ['scripts/typeBoundaries.mjs'], { stdio: 'inherit' });
if (b.status !== 0) failed++;
process.exit(failed ? 1 : 0);
