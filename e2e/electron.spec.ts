// The desktop app, driven through Playwright's Electron support: a workflow file given on the command
// line opens in its window, F5 (Run menu) runs it and the status bar shows the run complete; the
// window is locked down (no Node in the page, CSP, no new windows). Needs a real Electron binary and,
// on Linux, an X display (`xvfb-run npx playwright test e2e/electron.spec.ts`); skips otherwise.

import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildElectron } from '../scripts/build.mjs';
import { electronBinary, root } from '../scripts/electronBinary.mjs';
// Their `declare global` types window.__sluice and window.sluiceHost for page.evaluate.
import type {} from '../renderer/src/host/preloadClient.js';
import type {} from '../renderer/src/testApi.js';

const binary = electronBinary();
const skipReason =
  binary === null
    ? 'Electron binary not installed: node_modules/electron/dist missing — run npm run electron:install on a machine with network'
    : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      ? 'No X display for Electron: run this spec under xvfb-run (Debian package xvfb)'
      : undefined;

test.skip(skipReason !== undefined, skipReason ?? '');

let dir: string;
let userData: string;
let app: ElectronApplication;

async function launch(...files: string[]): Promise<{ app: ElectronApplication; page: Page }> {
  const args = [root, ...files];
  // Chromium refuses to start as root with its sandbox (CI containers).
  if (process.platform === 'linux' && process.getuid?.() === 0) args.unshift('--no-sandbox');
  const env: Record<string, string> = { SLUICE_USER_DATA: userData };
  for (const [key, value] of Object.entries(process.env)) {
    // ELECTRON_RUN_AS_NODE would start Electron as plain Node.js, without a window.
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] ??= value;
  }
  const started = await electron.launch({ executablePath: binary ?? undefined, args, cwd: dir, env });
  const page = await started.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app: started, page };
}

test.beforeAll(async () => {
  await buildElectron();
});

test.beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-electron-'));
  userData = path.join(dir, 'user-data');
  await copyFile(
    path.join(root, 'examples', 'numbers-pipeline.sluice.json'),
    path.join(dir, 'numbers.sluice.json'),
  );
});

test.afterEach(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

test('open a workflow file, run it from the Run menu, see the run complete', async () => {
  const launched = await launch('numbers.sluice.json');
  app = launched.app;
  const { page } = launched;
  await expect(page).toHaveTitle(/numbers\.sluice\.json — Sluice/);
  await expect(page.getByTestId('doc-title')).toContainText('Numbers pipeline');
  expect(await page.evaluate(() => window.__sluice?.doc().nodes.length)).toBe(4);

  // Run › Run (F5). Clicked through the menu: key presses Playwright injects reach the page, not
  // necessarily the native menu's accelerators.
  await app.evaluate(({ Menu, BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.focus();
    Menu.getApplicationMenu()?.getMenuItemById('run')?.click();
  });
  await expect(page.getByTestId('run-status')).toContainText(/completed/i, { timeout: 30_000 });
  for (const node of ['numbers', 'square', 'even', 'print']) {
    await expect(page.getByTestId(`node-status-${node}`)).toHaveAttribute('data-status', 'completed');
  }
});

test('the page has no Node.js, only the bridge, and cannot open windows or run inline scripts', async () => {
  const launched = await launch();
  app = launched.app;
  const { page } = launched;
  expect(page.url()).toBe('app://sluice/index.html');
  const seen = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return {
      require: typeof w.require,
      process: typeof w.process,
      bridge: Object.entries(window.sluiceHost ?? {}).map(([k, v]) => `${k}:${typeof v}`),
      inlineRan: w.__inlineRan === true,
      popup: window.open('http://example.org') === null,
    };
  });
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.inlineRan).toBe(false);
  expect(seen.popup).toBe(true);
  expect(seen.bridge).toContain('startRun:function');
  expect(seen.bridge.every((entry) => entry.endsWith(':function'))).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // Navigation away from the app is refused (http: is not even handed to the OS browser).
  await page.evaluate(() => {
    location.href = 'http://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://sluice/index.html');
});

test('the window comes back where it was', async () => {
  let launched = await launch();
  await launched.app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]?.setBounds({ x: 120, y: 90, width: 1000, height: 700 }),
  );
  // Bounds are saved half a second after the last move, and on close.
  await launched.app.close();
  launched = await launch();
  app = launched.app;
  const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
  expect(bounds).toMatchObject({ width: 1000, height: 700 });
});
