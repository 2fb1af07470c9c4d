// Where the app finds its own files and keeps the user's, in development (`electron .` in the repo)
// and packaged (inside app.asar, with the worker and native modules unpacked beside it).

import path from 'node:path';

export interface AppPaths {
  rendererDir: string;
  preload: string;
  /** The node worker entry; a real file on disk (utility processes cannot start from inside asar). */
  workerEntry: string;
  examplesDir: string;
  iconPath: string;
  windowStateFile: string;
  recentFile: string;
  runsDir: string;
  userNodesDir: string;
}

/** `app.asar/…` → `app.asar.unpacked/…` (electron-builder's asarUnpack puts those files there). */
export function unpacked(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

export function appPaths(appPath: string, userData: string): AppPaths {
  return {
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    workerEntry: unpacked(path.join(appPath, 'dist', 'engine', 'worker.js')),
    examplesDir: path.join(appPath, 'examples'),
    iconPath: path.join(appPath, 'assets', 'icons', '512x512.png'),
    windowStateFile: path.join(userData, 'window-state.json'),
    recentFile: path.join(userData, 'recent.json'),
    runsDir: path.join(userData, 'runs'),
    userNodesDir: path.join(userData, 'nodes'),
  };
}
