// Which files a window may read or write through the host API. The renderer is treated as untrusted
// (defence in depth behind the sandbox): it may open workflow files (`*.sluice.json`) and files its user
// chose, and save only to a file the user chose in a dialog, opened, or named on the command line in
// that window, or to a workflow file inside the app's workspace folder (as `sluice serve` allows).
// Examples only open. Saving anywhere else goes through File › Save As, where the person picks the path.

import path from 'node:path';
import type { HostMethod } from '../engine/hostApi/api.js';
import { EXAMPLE_PREFIX } from '../engine/host/examples.js';
import { isWorkflowPath } from './argv.js';

/** Files a window's user has chosen (absolute, normalised), plus the workspace's workflow files. */
export class FileGrants {
  readonly #files = new Set<string>();

  /** `workspace`: a folder whose `*.sluice.json` files may always be written. */
  constructor(private readonly workspace?: string) {}

  /**
   * Folders a window may list: inside the workspace, or a folder holding a file its user chose — not
   * `~/.ssh` because the page asked.
   */
  mayList(dir: string): boolean {
    const absolute = path.resolve(dir);
    if (this.workspace !== undefined && isInside(path.resolve(this.workspace), absolute, true)) return true;
    for (const file of this.#files) if (path.dirname(file) === absolute) return true;
    return false;
  }

  grant(file: string): void {
    this.#files.add(path.resolve(file));
  }

  has(file: string): boolean {
    const absolute = path.resolve(file);
    if (this.#files.has(absolute)) return true;
    if (this.workspace === undefined || !isWorkflowPath(absolute)) return false;
    return isInside(path.resolve(this.workspace), absolute, false);
  }
}

function isInside(folder: string, p: string, orSame: boolean): boolean {
  const rel = path.relative(folder, p);
  if (rel === '') return orSame;
  return rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/** Null when the call may go ahead, else the reason it is refused (naming the file). */
export function checkFileAccess(method: HostMethod, params: unknown, grants: FileGrants): string | null {
  if (method === 'workflow:list') {
    const dir = (params as { dir?: string }).dir;
    // No folder: the workspace itself (the host service's root).
    if (dir === undefined || dir === '') return null;
    if (!path.isAbsolute(dir)) return `workflow:list: "${dir}" is not an absolute path`;
    if (grants.mayList(dir)) return null;
    return `workflow:list: "${dir}" is outside the workspace and the folders of files you opened`;
  }
  if (method !== 'workflow:open' && method !== 'workflow:save') return null;
  const file = (params as { path: string }).path;
  // Examples (`example:<file>`) are read-only files of the app itself.
  if (method === 'workflow:open' && file.startsWith(EXAMPLE_PREFIX)) return null;
  if (!path.isAbsolute(file)) return `${method}: "${file}" is not an absolute path`;
  if (grants.has(file)) return null;
  if (method === 'workflow:save') {
    return `Saving to "${file}" needs the user to choose that file first (File › Save As)`;
  }
  if (!isWorkflowPath(file)) return `workflow:open: "${file}" is not a workflow file (*.sluice.json)`;
  return null;
}
