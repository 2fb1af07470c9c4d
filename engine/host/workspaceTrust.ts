// Workspace trust, as VS Code does it: a workflow outside every trusted folder opens in restricted
// mode — shown and checked structurally, but nothing reads its files or runs its SQL (no inference)
// and it does not run — until its user trusts the folder. Trusted folders are remembered in the
// user's config folder (0600), one list per user, shared by `sluice serve` and the app.

import { realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  PRIVATE_FILE_MODE,
  PRIVATE_FOLDER_MODE,
  readTextIfExists,
  writeFileAtomic,
} from '../files/atomicFile.js';

/** `SLUICE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/sluice`, else `~/.config/sluice`. */
export function userConfigDir(): string {
  if (process.env['SLUICE_CONFIG_DIR']) return path.resolve(process.env['SLUICE_CONFIG_DIR']);
  const base = process.env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
  return path.join(base, 'sluice');
}

export function defaultTrustFile(): string {
  return path.join(userConfigDir(), 'trusted-folders.json');
}

export interface TrustState {
  trusted: boolean;
  /** The folder that trust is about (absolute, real path). */
  folder: string;
}

/** Real path when the folder exists (trust follows the folder, not a link to it). */
async function real(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch {
    return path.resolve(folder);
  }
}

function inside(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

export class WorkspaceTrust {
  constructor(
    private readonly file: string,
    /** Trusted by how the host was started (`sluice serve --workspace DIR`, the app's own folders). */
    private readonly given: string[],
    private readonly warn: (message: string) => void = console.warn,
  ) {}

  async state(folder: string): Promise<TrustState> {
    const folderReal = await real(folder);
    const trusted = [...(await Promise.all(this.given.map(real))), ...(await this.remembered())];
    return { trusted: trusted.some((t) => inside(t, folderReal)), folder: folderReal };
  }

  async grant(folder: string): Promise<TrustState> {
    const folderReal = await real(folder);
    const list = await this.remembered();
    if (!list.includes(folderReal)) list.push(folderReal);
    await writeFileAtomic(this.file, `${JSON.stringify({ trustedFolders: list }, null, 2)}\n`, {
      mode: PRIVATE_FILE_MODE,
      createFolder: true,
      folderMode: PRIVATE_FOLDER_MODE,
    });
    return { trusted: true, folder: folderReal };
  }

  /** Read on every question: another host of the same user may have trusted a folder since. */
  private async remembered(): Promise<string[]> {
    const text = await readTextIfExists(this.file);
    if (text === undefined) return [];
    // A list that someone else could write would let them trust folders for this user.
    if (((await stat(this.file)).mode & 0o022) !== 0) {
      this.warn(`Ignoring ${this.file}: other users can write it (run: chmod 600 ${this.file})`);
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { trustedFolders?: unknown };
      const list = Array.isArray(parsed.trustedFolders) ? parsed.trustedFolders : [];
      return list.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f));
    } catch {
      this.warn(`Ignoring ${this.file}: it is not valid JSON`);
      return [];
    }
  }
}
