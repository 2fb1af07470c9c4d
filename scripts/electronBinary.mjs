// Where the Electron binary is, or null when it is not installed (package.json skips electron's
// download at `npm install`: see docs/platform notes). `require('electron')` in plain Node returns
// the binary's path, or throws when the download never happened.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return undefined;
  }
}

export function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
