// Electron main process: single instance, the app:// renderer, one window per workflow file, menus,
// IPC to the host service, and node processes as utility processes. Logic lives in the modules this
// file wires together (and in engine/); this file only decides the order things happen in.

import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createHostService, type HostService } from '../engine/host/hostService.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { workflowFilesFromArgv } from './argv.js';
import { registerIpc } from './ipc.js';
import { createUtilityLauncher } from './launcher.js';
import { installMenu } from './menu.js';
import { installNavigationGuards } from './navigationGuards.js';
import { appPaths, type AppPaths } from './paths.js';
import { addRecent, readRecent, writeRecent } from './recentDocuments.js';
import { readWindowState } from './windowState.js';
import { WindowManager } from './windowManager.js';

/** Files asked for before the app was ready (macOS open-file fires that early). */
const pendingFiles: string[] = [];
let windows: WindowManager | undefined;

function openFiles(files: readonly string[]): void {
  if (windows === undefined) {
    pendingFiles.push(...files);
    return;
  }
  for (const file of files) void windows.open(file);
}

async function start(paths: AppPaths): Promise<void> {
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    throw new Error(
      `The editor bundle is missing (${paths.rendererDir}/index.html): run \`npm run build\` first.`,
    );
  }
  serveRenderer(paths.rendererDir);
  const devTools = !app.isPackaged || process.env.SLUICE_DEVTOOLS === '1';
  const workspace = path.join(app.getPath('documents'), 'Sluice');
  await mkdir(workspace, { recursive: true });

  const service: HostService = await createHostService({
    workspace,
    runsDir: paths.runsDir,
    runOrigin: 'app',
    userNodesDir: paths.userNodesDir,
    examplesDir: paths.examplesDir,
    launcher: createUtilityLauncher({ workerEntry: paths.workerEntry }),
    // The app takes absolute paths from its own dialogs; electron/fileAccess.ts guards the renderer.
    confine: false,
  });

  let recent = await readRecent(paths.recentFile);
  const rebuildMenu = () =>
    installMenu({
      appName: app.name,
      platform: process.platform,
      recent,
      devTools,
      actions: {
        newWindow: () => void manager.open(null),
        openDialog: () => void showOpenDialog(manager),
        openRecent: (file) => void manager.open(file),
        clearRecent: () => {
          recent = [];
          app.clearRecentDocuments();
          void writeRecent(paths.recentFile, recent);
          rebuildMenu();
        },
        // The focused window; with a single window, that one even when nothing has focus.
        send: (command) =>
          (manager.focused() ?? (manager.count === 1 ? manager.all()[0] : undefined))?.send({ command }),
        about: () => showAbout(),
      },
    });

  const manager = new WindowManager({
    preloadPath: paths.preload,
    stateFile: paths.windowStateFile,
    initialState: await readWindowState(paths.windowStateFile),
    workspace,
    iconPath: paths.iconPath,
    devTools,
    readDocument: (file) => service.call('workflow:open', { path: file }),
    onDocument: (file) => {
      app.addRecentDocument(file);
      recent = addRecent(recent, file);
      void writeRecent(paths.recentFile, recent).catch((err: unknown) =>
        console.warn(`Could not save ${paths.recentFile}: ${(err as Error).message}`),
      );
      rebuildMenu();
    },
    onError: (title, message) => dialog.showErrorBox(title, message),
  });
  windows = manager;
  registerIpc(service, manager);
  rebuildMenu();

  const initial = [...workflowFilesFromArgv(process.argv, process.cwd()), ...pendingFiles.splice(0)];
  if (initial.length === 0) await manager.open(null);
  else for (const file of initial) await manager.open(file);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void manager.open(null);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Before exiting: stop every run (no node process left behind), write run history and window state.
  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    void Promise.allSettled([service.close(), manager.flush()]).then(() => app.quit());
  });
}

async function showOpenDialog(manager: WindowManager): Promise<void> {
  const focused = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Open Workflow',
    filters: [
      { name: 'Sluice workflows', extensions: ['sluice.json'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
  };
  const chosen = focused
    ? await dialog.showOpenDialog(focused, options)
    : await dialog.showOpenDialog(options);
  if (!chosen.canceled) for (const file of chosen.filePaths) await manager.open(file);
}

function showAbout(): void {
  const v = process.versions;
  void dialog.showMessageBox({
    type: 'info',
    title: `About ${app.name}`,
    message: `${app.name} ${app.getVersion()}`,
    detail: `A visual flow editor whose nodes run in their own processes.\n\nElectron ${v.electron}\nChromium ${v.chrome}\nNode.js ${v.node}`,
  });
}

function main(): void {
  app.setName('Sluice');
  // Tests (and people who want a second profile) pick the profile folder; before anything reads it.
  if (process.env.SLUICE_USER_DATA) app.setPath('userData', path.resolve(process.env.SLUICE_USER_DATA));
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    // The running instance gets our argv through 'second-instance' and opens the files.
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = workflowFilesFromArgv(argv, workingDirectory);
    if (files.length > 0) openFiles(files);
    else if (windows !== undefined) {
      const win = windows.focused()?.browserWindow ?? windows.all()[0]?.browserWindow;
      if (win) {
        if (win.isMinimized()) win.restore();
        win.focus();
      } else void windows.open(null);
    }
  });
  // macOS: Finder, the Dock and `open file.sluice.json` (may fire before 'ready').
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  registerAppScheme();
  installNavigationGuards();
  app
    .whenReady()
    .then(() => start(appPaths(app.getAppPath(), app.getPath('userData'))))
    .catch((err: unknown) => {
      dialog.showErrorBox(
        'Sluice could not start',
        err instanceof Error ? (err.stack ?? err.message) : String(err),
      );
      app.exit(1);
    });
}

main();
