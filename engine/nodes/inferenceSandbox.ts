// What the check's inference process may read: the workflow's own folder and the files its path
// parameters name. Nothing else — not `/etc/passwd` in a `read_csv(…)` of a query, not a URL.

import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Workflow } from '../model/workflow.js';
import type { InferenceSandbox } from './inferenceProtocol.js';
import type { NodeRegistry } from './registry.js';

/** Resolved paths of every `path` parameter of the workflow's nodes. */
export function declaredPaths(workflow: Workflow, registry: NodeRegistry, baseDir: string): string[] {
  const out = new Set<string>();
  for (const node of workflow.nodes) {
    const def = registry.get(node.type)?.definition;
    if (!def) continue;
    for (const param of def.params) {
      const value = node.params?.[param.key];
      if (param.kind === 'path' && typeof value === 'string' && value !== '' && !value.includes('\0')) {
        out.add(path.resolve(baseDir, value));
      }
    }
  }
  return [...out];
}

function inside(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** Real path when it exists (a link inside that leads out is judged by where it leads). */
async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
}

/**
 * The sandbox of one check. With `confineTo` (`sluice serve`'s workspace), declared files outside it —
 * or leading out of it through a symbolic link — are not readable either.
 */
export async function inferenceSandbox(
  workflow: Workflow,
  registry: NodeRegistry,
  baseDir: string,
  confineTo?: string,
): Promise<InferenceSandbox> {
  const folder = path.resolve(baseDir);
  const declared = declaredPaths(workflow, registry, baseDir);
  const root = confineTo === undefined ? undefined : await real(path.resolve(confineTo));
  const allowedPaths: string[] = [];
  for (const p of declared) {
    const target = await real(p);
    if (root !== undefined && !(inside(root, p) && inside(root, target))) continue;
    // Both names: DuckDB opens the one written, the check also looks at where it leads.
    allowedPaths.push(p);
    if (target !== p) allowedPaths.push(target);
  }
  const folders = [...new Set([folder, await real(folder)])];
  return {
    allowedPaths,
    // DuckDB matches folder prefixes: the separator keeps `/a/b` from allowing `/a/bc`.
    allowedDirectories: folders.map((f) => (f.endsWith(path.sep) ? f : f + path.sep)),
  };
}
