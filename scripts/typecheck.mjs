// Type-checks each process boundary as its own TypeScript project (see tsconfig.json).
import { spawnSync } from 'node:child_process';

const projects = [
  'engine/tsconfig.pure.json',
  'engine/tsconfig.json',
  'renderer/tsconfig.json',
  'electron/tsconfig.json',
  'tsconfig.tools.json',
];
let failed = 0;
for (const p of projects) {
  const r = spawnSync('npx', ['tsc', '-p', p, '--noEmit'], { stdio: 'inherit' });
  console.log(`tsc -p ${p}: ${r.status === 0 ? 'ok' : 'errors'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
