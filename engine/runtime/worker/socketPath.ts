// Where a node process listens for its input edges.

import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Short socket paths: Unix socket paths are limited to about 107 bytes. */
export function socketPath(): string {
  const name = `sl-${process.pid}-${randomBytes(4).toString('hex')}.sock`;
  const dir = os.tmpdir();
  return path.join(dir.length + name.length < 100 ? dir : '/tmp', name);
}
