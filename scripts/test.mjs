// `npm test`: every check CI runs, in order, with one closing line that counts them all.
//   lint (eslint + prettier) → type-check (each process boundary) → vitest (unit + integration with
//   real node processes, real files, real PostgreSQL) → fault injection → renderer build → Playwright E2E in Chromium.
// Pass `--quick` to stop after vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs} s`);
  if (!ok) failures.push(name);
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
step('lint', npx, ['eslint', '.']);
step('format', npx, ['prettier', '--check', '.']);
step('typecheck', 'node', ['scripts/typecheck.mjs']);
const vitestJson = path.join(out, 'vitest.json');
step('vitest', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
countVitest(vitestJson);
// Fault injection (npm run test:faults): 100 runs killing random node processes and hosts; one
// test in the tally, failed when any run ends inconsistent.
if (step('faults', 'node', ['scripts/test-faults.mjs'])) totals.passed++;
else totals.failed++;
// The REST load test (npm run bench:rest): 50 runs POSTed at once all complete with exact counts.
if (step('rest-load', 'node', ['bench/rest-load.mjs'])) totals.passed++;
else totals.failed++;
if (!quick) {
  if (step('build', 'node', ['scripts/build.mjs', '--all'])) {
    const pwJson = path.join(out, 'playwright.json');
    step('e2e', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    countPlaywright(pwJson);
  }
}

console.log(`\nSteps failed: ${failures.length ? failures.join(', ') : 'none'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
