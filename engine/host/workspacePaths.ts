// Where a client-given path may point. In `sluice serve` (confined) every path resolves inside the
// workspace folder: `..`, absolute paths elsewhere and symlinks that lead out are refused. The app
// (not confined) takes absolute paths from its own file dialogs.

import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../hostApi/errors.js';

export class WorkspacePaths {
  private constructor(
    /** Real path of the workspace (symlinks resolved), so containment checks compare like with like. */
    readonly root: string,
    readonly confine: boolean,
  ) {}

  static async create(workspace: string, confine: boolean): Promise<WorkspacePaths> {
    let root: string;
    try {
      root = await realpath(path.resolve(workspace));
    } catch (err) {
      throw new Error(`Workspace folder ${workspace} cannot be used: ${(err as Error).message}`);
    }
    return new WorkspacePaths(root, confine);
  }

  /**
   * The absolute file path for a client path, after checking it stays in the workspace (following
   * symlinks of the file itself and of every existing parent folder).
   */
  async resolve(clientPath: string): Promise<string> {
    if (clientPath.includes('\0'))
      throw new HostError(`The path ${JSON.stringify(clientPath)} contains a NUL byte`);
    tooLong(clientPath);
    const absolute = path.resolve(this.root, clientPath);
    if (!this.confine) return absolute;
    if (!this.contains(absolute)) throw this.outside(clientPath);
    const real = await realpathOfExisting(absolute);
    if (!this.contains(real)) throw this.outside(clientPath, ' through a symbolic link');
    return real;
  }

  /** How the host names a file to its client: relative to the workspace (with `/`) when confined. */
  display(absolute: string): string {
    if (!this.confine) return absolute;
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  private contains(p: string): boolean {
    const rel = path.relative(this.root, p);
    return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
  }

  private outside(clientPath: string, how = ''): HostError {
    return new HostError(
      `The path "${clientPath}" leads outside the workspace${how}; this server opens and saves files only inside ${this.root}`,
    );
  }
}

/** File systems refuse names over 255 bytes and paths over 4096 (ENAMETOOLONG): say so plainly. */
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 4096;

function tooLong(clientPath: string): void {
  const shown = clientPath.length > 60 ? `${clientPath.slice(0, 40)}…${clientPath.slice(-12)}` : clientPath;
  const name = clientPath.split(/[\\/]/).find((part) => Buffer.byteLength(part) > MAX_NAME_BYTES);
  if (name !== undefined) {
    throw new HostError(
      `The path "${shown}" has a name of ${Buffer.byteLength(name)} bytes; file and folder names may have at most ${MAX_NAME_BYTES}`,
    );
  }
  if (Buffer.byteLength(clientPath) > MAX_PATH_BYTES) {
    throw new HostError(
      `The path "${shown}" is too long (${Buffer.byteLength(clientPath)} bytes; at most ${MAX_PATH_BYTES})`,
    );
  }
}

/** realpath of the path if it exists, else of its nearest existing parent joined with the rest. */
async function realpathOfExisting(p: string): Promise<string> {
  const rest: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      const parent = path.dirname(current);
      if (parent === current) return p;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}
