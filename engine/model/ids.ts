// Ids of nodes and edges: fresh ones for the editor, and the duplicate check shared by the loader and
// the graph check.

import type { Problem } from './problem.js';
import type { Workflow } from './workflow.js';

/**
 * `prefix` followed by the next number after the highest one in use (`map1`, `map2` …). Numbers of
 * deleted nodes are not reused while a higher one exists, so ids in git diffs do not change meaning.
 */
export function nextId(prefix: string, existing: Iterable<string>): string {
  let highest = 0;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^[1-9][0-9]*$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  return `${prefix}${highest + 1}`;
}

/** A readable id prefix for a node type: `csv.read` → `read`, `core.map` → `map`. */
export function idPrefixForType(type: string): string {
  const last = type.split('.').at(-1) ?? '';
  const clean = last.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]+/, '');
  return clean || 'node';
}

/** One problem per id used by more than one node, edge or note. */
export function duplicateIdProblems(w: Pick<Workflow, 'nodes' | 'edges' | 'notes'>): Problem[] {
  const problems: Problem[] = [];
  const check = (what: 'node' | 'edge' | 'note', list: ReadonlyArray<{ id: string }>, listName: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) {
        seen.set(item.id, index);
        return;
      }
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        message: `Two ${what}s have the id "${item.id}" (${listName}[${first}] and ${listName}[${index}])`,
        field: `${listName}[${index}].id`,
        ...(what === 'node' ? { nodeId: item.id } : what === 'edge' ? { edgeId: item.id } : {}),
      });
    });
  };
  check('node', w.nodes, 'nodes');
  check('edge', w.edges, 'edges');
  check('note', w.notes ?? [], 'notes');
  return problems;
}
