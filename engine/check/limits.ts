// Limits the file schema cannot express alone (the range of an edge's capacity), and the bounds of a
// node's policy values (model/policy.ts), which an edit on the canvas can break before any save. Each
// problem names the node or edge and the field.

import { NUMERIC_POLICY_FIELDS, policyValueError } from '../model/policy.js';
import type { Problem } from '../model/problem.js';
import { MAX_EDGE_CAPACITY, type Workflow } from '../model/workflow.js';

export function limitProblems(w: Workflow): Problem[] {
  const problems: Problem[] = [];
  for (const n of w.nodes) {
    for (const field of NUMERIC_POLICY_FIELDS) {
      const value = n.policy?.[field];
      const error = value === undefined ? undefined : policyValueError(field, value);
      if (value === undefined || error === undefined) continue;
      problems.push({
        code: 'bad-limit',
        severity: 'error',
        message: `Node "${n.id}": policy ${field} ${value} ${error}`,
        nodeId: n.id,
        field: `policy.${field}`,
      });
    }
  }
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
