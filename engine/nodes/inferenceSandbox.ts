// What the check's inference process may read: the workflow's own folder and the files its path
// parameters name. Nothing else — not `/etc/passwd` in a `read_csv(…)` of a query, not a URL.

import path from 'node:path';
import type { Workflow } from '../model/workflow.js';
import type { InferenceSandbox } from '../runtime/common/inferenceProtocol.js';
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

export function inferenceSandbox(
  workflow: Workflow,
  registry: NodeRegistry,
  baseDir: string,
): InferenceSandbox {
  const folder = path.resolve(baseDir);
  return {
    allowedPaths: declaredPaths(workflow, registry, baseDir),
    // DuckDB matches folder prefixes: the separator keeps `/a/b` from allowing `/a/bc`.
    allowedDirectories: [folder.endsWith(path.sep) ? folder : folder + path.sep],
  };
}
