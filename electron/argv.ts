// Which workflow files a command line asks the app to open: the first launch's process.argv, and the
// argv a second instance hands over through the single-instance lock. Electron and Chromium add their
// own switches and, in development, the app folder; only `*.sluice.json` arguments are files for us.

import path from 'node:path';
import { WORKFLOW_EXTENSION } from '../engine/model/workflow.js';

export function isWorkflowPath(arg: string): boolean {
  return arg.toLowerCase().endsWith(WORKFLOW_EXTENSION);
}

/** Absolute paths of the workflow files named in `argv` (argv[0], the executable, is skipped). */
export function workflowFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !isWorkflowPath(arg)) continue;
    const file = arg.startsWith('file://') ? decodeURIComponent(new URL(arg).pathname) : arg;
    const absolute = path.resolve(cwd, file);
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}
