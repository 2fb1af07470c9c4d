// User node modules written in TypeScript (`*.ts`, `*.mts`): esbuild bundles each one into a cache
// folder, and workers import the compiled file like any user `.mjs`. Bundled, so a node may import
// its own helper modules; npm packages stay external and resolve from the node's folder, which is
// why the cache lives inside it (`<dir>/.sluice/node-cache/`; a temporary folder if that is not
// writable, where packages may then not resolve). `sluice` and `sluice/sdk` resolve to the SDK
// source. esbuild strips types without checking them: run `tsc --noEmit` for that.
// Compiled files are named by a hash of their content and never rewritten, so a host that loaded a
// node earlier keeps importing the code it described, even after the source changed.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

export const TS_NODE_EXTENSIONS = ['.ts', '.mts'];

export function isTsNodeModule(file: string): boolean {
  return TS_NODE_EXTENSIONS.some((ext) => file.endsWith(ext)) && !/\.d\.m?ts$/.test(file);
}

let sdkSource: string | null | undefined;

/** engine/sdk/index.ts of this installation, found upwards from this module (source or bundle). */
function findSdkSource(): string | undefined {
  if (sdkSource !== undefined) return sdkSource ?? undefined;
  sdkSource = null;
  let start: string;
  try {
    start = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'engine', 'sdk', 'index.ts');
    if (existsSync(candidate)) return (sdkSource = candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

const sdkPlugin: Plugin = {
  name: 'sluice-sdk',
  setup(build) {
    build.onResolve({ filter: /^sluice(\/sdk)?$/ }, () => {
      const sdk = findSdkSource();
      return sdk ? { path: sdk } : undefined;
    });
  },
};

async function cacheDirFor(nodesDir: string): Promise<string> {
  const inside = path.join(nodesDir, '.sluice', 'node-cache');
  try {
    await mkdir(inside, { recursive: true });
    return inside;
  } catch {
    const hash = createHash('sha256').update(nodesDir).digest('hex').slice(0, 12);
    const fallback = path.join(os.tmpdir(), 'sluice-node-cache', hash);
    await mkdir(fallback, { recursive: true });
    return fallback;
  }
}

/** Bundles a TypeScript node module; returns the path of the compiled ES module to import. */
export async function compileUserModule(file: string): Promise<string> {
  const { build } = await import('esbuild');
  let text: string;
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [sdkPlugin],
    });
    text = (result.outputFiles[0] as { text: string }).text;
  } catch (err) {
    // esbuild's failure lists every error with file:line:column.
    const errors = (
      err as {
        errors?: Array<{ text: string; location: { file: string; line: number; column: number } | null }>;
      }
    ).errors;
    if (!errors?.length) throw err;
    const where = (e: (typeof errors)[number]): string =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ` : '';
    throw new Error(`it does not compile: ${errors.map((e) => where(e) + e.text).join('; ')}`, {
      cause: err,
    });
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = await cacheDirFor(path.dirname(file));
  const out = path.join(dir, `${path.basename(file).replace(/\.m?ts$/, '')}.${hash}.mjs`);
  if (!existsSync(out)) {
    // Written aside and renamed: a worker importing it never sees half a file.
    const tmp = `${out}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, out);
    } finally {
      await rm(tmp, { force: true });
    }
  }
  return out;
}
