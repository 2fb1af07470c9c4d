// What the browser benchmarks share: the real `sluice serve` on a free port, Debian's Chromium
// headless, and percentiles of frame intervals.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts `sluice serve` on a free port; resolves with the child and the URL it printed. */
export async function startServer(workspace, token) {
  const args = [path.join(root, 'bin/sluice.js'), 'serve', '--port', '0', '--workspace', workspace];
  const child = spawn(process.execPath, [...args, '--token', token], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (c) => {
      out += c;
      const m = /Sluice is serving (\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`sluice serve exited:\n${out}`)));
  });
  return { child, url };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
