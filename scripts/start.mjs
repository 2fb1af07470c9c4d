// `npm start`: builds whatever is older than its sources, then opens the desktop app, or, when the
// Electron binary is missing (it is not downloaded at `npm install`; see `npm run electron:install`),
// the same editor in the browser through `sluice serve --open`. Extra arguments go to the app
// (workflow files to open) or to `sluice serve`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildElectron, buildEngine, buildRenderer } from './build.mjs';
import { electronBinary, root } from './electronBinary.mjs';

const args = process.argv.slice(2);

/** Newest modification time of the files under `paths` (folders walked; tests and outputs skipped). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (!stat.isDirectory()) {
      if (!/\.test\.tsx?$/.test(p)) latest = Math.max(latest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(p))
      if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
  };
  for (const p of paths) visit(path.join(root, p));
  return latest;
}

function oldest(outputs) {
  let earliest = Infinity;
  for (const out of outputs) {
    const file = path.join(root, out);
    if (!existsSync(file)) return 0;
    earliest = Math.min(earliest, statSync(file).mtimeMs);
  }
  return earliest;
}

const engineSources = ['engine', 'package.json'];
const steps = [
  {
    name: 'engine',
    build: buildEngine,
    sources: engineSources,
    outputs: ['dist/engine/cli.js', 'dist/engine/worker.js'],
  },
  {
    name: 'renderer',
    build: buildRenderer,
    sources: ['renderer', 'engine', 'vite.config.ts'],
    outputs: ['dist/renderer/index.html'],
  },
  {
    name: 'electron',
    build: buildElectron,
    sources: ['electron', ...engineSources],
    outputs: ['dist/electron/main.cjs', 'dist/electron/preload.cjs'],
  },
];

try {
  for (const step of steps) {
    if (newest(step.sources) <= oldest(step.outputs)) continue;
    const started = Date.now();
    process.stdout.write(`Building ${step.name} … `);
    await step.build();
    console.log(`${Date.now() - started} ms`);
  }
} catch (err) {
  console.error(`\nBuild failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
}

const electron = electronBinary();
if (electron !== null) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node, without a window
  const extra = [];
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    // Chromium refuses to run as root with its sandbox; development containers often are root.
    console.warn('Running as root: starting Electron with --no-sandbox (never do this for real use).');
    extra.push('--no-sandbox');
  }
  run(electron, [...extra, root, ...args], env);
} else {
  console.log(
    'The Electron binary is not installed (node_modules/electron/dist is missing), so the desktop app cannot start.\n' +
      'Run `npm run electron:install` where GitHub (or an ELECTRON_MIRROR) is reachable.\n' +
      'Opening the same editor in your browser instead: sluice serve --open\n',
  );
  run(process.execPath, [path.join(root, 'bin', 'sluice.js'), 'serve', '--open', ...args]);
}
