// Limits the file schema cannot express alone: the range of an edge's capacity. Each problem names
// the edge and the field.

import type { Problem } from '../model/problem.js';
import { MAX_EDGE_CAPACITY, type Workflow } from '../model/workflow.js';

export function limitProblems(w: Workflow): Problem[] {
  const problems: Problem[] = [];
  for (const e of w.edges) {
    if (e.capacity !== undefined && e.capacity > MAX_EDGE_CAPACITY) {
      problems.push({
        code: 'bad-limit',
        severity: 'error',
        message: `Edge ${e.id}: capacity ${e.capacity} is above the limit of ${MAX_EDGE_CAPACITY.toLocaleString('en-US')} messages`,
        edgeId: e.id,
        field: 'capacity',
      });
    }
  }
  return problems;
}
