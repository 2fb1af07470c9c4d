// Opening, saving, listing and deleting workflow files for the host API, inside the workspace's rules
// (workspacePaths.ts). Saves are atomic and only ever write `*.sluice.json` files.

import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry, WorkflowFile } from '../hostApi/api.js';
import { HostError } from '../hostApi/errors.js';
import { WORKFLOW_EXTENSION } from '../model/workflow.js';
import { writeFileAtomic } from '../files/atomicFile.js';
import type { Examples } from './examples.js';
import type { WorkspacePaths } from './workspacePaths.js';

export class WorkflowFiles {
  constructor(
    private readonly paths: WorkspacePaths,
    private readonly examples: Examples,
  ) {}

  async open(clientPath: string): Promise<WorkflowFile> {
    if (this.examples.isExamplePath(clientPath))
      return { path: clientPath, text: await this.examples.read(clientPath) };
    const file = await this.paths.resolve(clientPath);
    // `sluice serve` hands out workflows, never other files of the workspace (`.env`, keys, data): the
    // name asked for and the file it really is (after symbolic links) must both be workflow files.
    if (
      this.paths.confine &&
      (!clientPath.endsWith(WORKFLOW_EXTENSION) || !file.endsWith(WORKFLOW_EXTENSION))
    ) {
      throw new HostError(
        `Cannot open "${clientPath}": only workflow files (*${WORKFLOW_EXTENSION}) are opened here`,
      );
    }
    try {
      return { path: this.paths.display(file), text: await readFile(file, 'utf8') };
    } catch (err) {
      throw fsError(`Cannot open "${clientPath}"`, err);
    }
  }

  async save(clientPath: string, text: string): Promise<{ path: string }> {
    if (this.examples.isExamplePath(clientPath)) {
      throw new HostError(
        `"${clientPath}" is a built-in example and cannot be overwritten: save a copy into the workspace`,
      );
    }
    if (!clientPath.endsWith(WORKFLOW_EXTENSION)) {
      throw new HostError(`Cannot save "${clientPath}": workflow files must end with ${WORKFLOW_EXTENSION}`);
    }
    const file = await this.paths.resolve(clientPath);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    } catch (err) {
      throw new HostError(`Cannot save "${clientPath}": ${describeFsError(err)}`);
    }
    return { path: this.paths.display(file) };
  }

  /** Deletes a workflow file (never an example, never another kind of file). */
  async delete(clientPath: string): Promise<{ ok: true }> {
    if (this.examples.isExamplePath(clientPath))
      throw new HostError(`"${clientPath}" is a built-in example and cannot be deleted`);
    if (!clientPath.endsWith(WORKFLOW_EXTENSION))
      throw new HostError(
        `Cannot delete "${clientPath}": only workflow files (*${WORKFLOW_EXTENSION}) are deleted here`,
      );
    const file = await this.paths.resolve(clientPath);
    if (!file.endsWith(WORKFLOW_EXTENSION))
      throw new HostError(`Cannot delete "${clientPath}": it is not a workflow file`);
    try {
      await unlink(file);
    } catch (err) {
      throw fsError(`Cannot delete "${clientPath}"`, err);
    }
    return { ok: true };
  }

  /** Folders and files of one folder of the workspace (hidden ones left out), folders first. */
  async list(dir = ''): Promise<FileEntry[]> {
    const folder = await this.paths.resolve(dir === '' ? '.' : dir);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      throw fsError(`Cannot list "${dir || '.'}"`, err);
    }
    return entries
      .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isFile()))
      .map((e): FileEntry => ({
        name: e.name,
        path: this.paths.display(path.join(folder, e.name)),
        kind: e.isDirectory() ? 'directory' : 'file',
      }))
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
  }
}

/** A file-system failure as a host error; a missing file is `not-found`. */
function fsError(what: string, err: unknown): HostError {
  const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
  return new HostError(`${what}: ${describeFsError(err)}`, undefined, missing ? 'not-found' : undefined);
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  return (err as Error).message;
}
