// Where the worker bundle is: beside the CLI bundle, or under dist/engine/ from the sources upwards.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/engine/worker.js: beside the CLI bundle, or found from the sources' folder upwards. */
export function resolveWorkerEntry(): string {
  const starts: string[] = [];
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // A CommonJS bundle has no import.meta.url: the working folder is the next best start.
  }
  starts.push(process.cwd());
  for (const start of starts) {
    if (existsSync(path.join(start, 'worker.js'))) return path.join(start, 'worker.js');
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'dist', 'engine', 'worker.js');
      if (existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('Cannot find the worker bundle dist/engine/worker.js: run `npm run build:engine`');
}
