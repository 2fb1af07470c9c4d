// `npm run electron:install`: downloads the Electron binary that `npm install` skipped
// (package.json "allowScripts": { "electron": false }), by running electron's own install.js.
// Exits 0 when the binary is there afterwards; otherwise says why and what to do, and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronBinary, electronVersion, root } from './electronBinary.mjs';

const version = electronVersion();
if (version === undefined) {
  console.error('electron is not in node_modules: run `npm install` first.');
  process.exit(1);
}
const present = electronBinary();
if (present !== null) {
  console.log(`Electron ${version} is installed: ${present}`);
  process.exit(0);
}

const installer = path.join(root, 'node_modules', 'electron', 'install.js');
if (!existsSync(installer)) {
  console.error(`${installer} is missing: reinstall the electron package (npm install electron@${version}).`);
  process.exit(1);
}
const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases';
console.log(`Downloading Electron ${version} for ${process.platform}-${process.arch} from ${mirror} …`);
const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD; // would make install.js exit 0 without downloading
const result = spawnSync(process.execPath, [installer], {
  cwd: path.dirname(installer),
  env,
  stdio: 'inherit',
  timeout: 15 * 60_000,
});

const installed = electronBinary();
if (result.status === 0 && installed !== null) {
  console.log(`Electron ${version} is installed: ${installed}`);
  process.exit(0);
}
const cache =
  process.env.electron_config_cache ??
  '~/.cache/electron (Linux), ~/Library/Caches/electron (macOS), %LOCALAPPDATA%\\electron\\Cache (Windows)';
console.error(`
Could not install the Electron ${version} binary (${result.error ? result.error.message : `install.js exited with ${result.status ?? result.signal}`}).
It is downloaded from ${mirror}; this machine may have no access to it. Any of these works:
  • set ELECTRON_MIRROR to a mirror you can reach, then run \`npm run electron:install\` again
    (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/);
  • put electron-v${version}-${process.platform}-${process.arch}.zip, downloaded elsewhere, into the
    Electron cache (${cache}) and run it again;
  • set ELECTRON_OVERRIDE_DIST_PATH to the folder of an unpacked Electron ${version}.
Until then \`npm start\` opens the same editor in your browser (sluice serve), and packaging
(\`npm run dist\`) cannot run.`);
process.exit(1);
