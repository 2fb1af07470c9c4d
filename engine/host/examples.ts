// The example workflows shipped in the repository's `examples/` folder. Clients name them
// `example:<file>`: they open like any workflow but are read-only (save a copy into the workspace).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError } from '../hostApi/errors.js';
import { WORKFLOW_EXTENSION } from '../model/workflow.js';

export const EXAMPLE_PREFIX = 'example:';

export interface ExampleInfo {
  name: string;
  description: string;
  path: string;
}

/** `examples/` at the repository root: two folders up from engine/service/ and from dist/engine/. */
export function defaultExamplesDir(): string {
  const here =
    typeof import.meta.url === 'string' ? path.dirname(fileURLToPath(import.meta.url)) : process.cwd();
  return path.resolve(here, '..', '..', 'examples');
}

export class Examples {
  constructor(readonly dir: string) {}

  isExamplePath(p: string): boolean {
    return p.startsWith(EXAMPLE_PREFIX);
  }

  async list(): Promise<ExampleInfo[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(WORKFLOW_EXTENSION)).sort();
    } catch {
      return [];
    }
    const out: ExampleInfo[] = [];
    for (const file of names) {
      try {
        const doc = JSON.parse(await readFile(path.join(this.dir, file), 'utf8')) as {
          name?: unknown;
          description?: unknown;
        };
        out.push({
          name: typeof doc.name === 'string' ? doc.name : file,
          description: typeof doc.description === 'string' ? doc.description : '',
          path: EXAMPLE_PREFIX + file,
        });
      } catch {
        // A broken example is a bug of ours, not the user's: leave it out of the list.
      }
    }
    return out;
  }

  async read(examplePath: string): Promise<string> {
    const file = examplePath.slice(EXAMPLE_PREFIX.length);
    if (file !== path.basename(file) || !file.endsWith(WORKFLOW_EXTENSION)) {
      throw new HostError(`No example named "${file}"`);
    }
    try {
      return await readFile(path.join(this.dir, file), 'utf8');
    } catch {
      throw new HostError(`No example named "${file}"`);
    }
  }
}
