// The zod schema of a workflow file, version 1 (design.md "Workflow file"), and the translation of
// zod's issues into Problems that name the field path and the node or edge at fault.

import { z } from 'zod';
import { POLICY_BOUNDS, type NumericPolicyField } from './policy.js';
import type { Problem } from './problem.js';
import { WORKFLOW_VERSION, type Workflow } from './workflow.js';

/** Node, edge and note ids: what the canvas, the CLI's `--param NODE.KEY=…` and file diffs rely on. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const id = z.string().regex(ID_PATTERN);
const position = z.strictObject({ x: z.number(), y: z.number() });

/** A numeric policy field within its bounds (policy.ts: the check and the inspector use the same). */
function bounded(field: NumericPolicyField) {
  const b = POLICY_BOUNDS[field];
  const n = b.integer ? z.number().int() : z.number();
  return (b.above ? n.gt(b.min) : n.min(b.min)).optional();
}

const policy = z.strictObject({
  retries: bounded('retries'),
  retryBackoffMs: bounded('retryBackoffMs'),
  retryBackoffMaxMs: bounded('retryBackoffMaxMs'),
  timeoutMs: bounded('timeoutMs'),
  allowFail: z.boolean().optional(),
  memoryLimitMb: bounded('memoryLimitMb'),
});

const node = z
  .strictObject({
    id,
    type: z.string().min(1),
    label: z.string().optional(),
    disabled: z.boolean().optional(),
    bypassed: z.boolean().optional(),
    params: z.record(z.string(), z.unknown()),
    position,
    policy: policy.optional(),
  })
  .refine((n) => !(n.disabled === true && n.bypassed === true), {
    message: 'a node is either disabled or bypassed, not both',
    path: ['bypassed'],
  });

const edge = z.strictObject({
  id,
  source: z.string().min(1),
  sourcePort: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.string().min(1),
  capacity: z.number().int().min(1).optional(),
});

const note = z.strictObject({
  id,
  text: z.string(),
  position,
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});

export const workflowSchema = z.strictObject({
  sluice: z.literal(WORKFLOW_VERSION),
  name: z.string(),
  description: z.string().optional(),
  nodes: z.array(node),
  edges: z.array(edge),
  notes: z.array(note).optional(),
  viewport: z.strictObject({ x: z.number(), y: z.number(), zoom: z.number().positive() }).optional(),
});

// A compile-time guard: the schema's output must stay assignable to the Workflow model.
const _schemaMatchesModel: (w: z.output<typeof workflowSchema>) => Workflow = (w) => w;

/** Checks a (migrated) document against the schema; problems name the field path and the node. */
export function validateWorkflowDocument(doc: unknown): { workflow?: Workflow; problems: Problem[] } {
  const result = workflowSchema.safeParse(doc);
  if (result.success) return { workflow: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => issueToProblem(issue, doc)) };
}

/** `nodes[2].position.x`, `params["a b"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part))
      out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
};

function valueAt(doc: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = doc;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const value = valueAt(doc, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[issue.expected] ?? issue.expected;
      return value === undefined ? `missing (expected ${want})` : `expected ${want}`;
    }
    case 'invalid_value':
      if (issue.path.length === 1 && issue.path[0] === 'sluice') {
        return `expected ${WORKFLOW_VERSION}, the version this Sluice reads`;
      }
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.path.at(-1) === 'id'
        ? `${JSON.stringify(value)} is not a valid id (letters, digits, "_" and "-"; it must start with a letter or "_")`
        : `does not have the expected format`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

function issueToProblem(issue: z.core.$ZodIssue, doc: unknown): Problem {
  const field = formatPath(issue.path);
  const problem: Problem = { code: 'schema', severity: 'error', message: '' };
  const [list, index] = issue.path;
  const owner = typeof index === 'number' ? valueAt(doc, [list as PropertyKey, index, 'id']) : undefined;
  let whose = '';
  if (typeof owner === 'string' && issue.path.length >= 2) {
    if (list === 'nodes') {
      problem.nodeId = owner;
      whose = ` (node "${owner}")`;
    } else if (list === 'edges') {
      problem.edgeId = owner;
      whose = ` (edge "${owner}")`;
    } else if (list === 'notes') {
      whose = ` (note "${owner}")`;
    }
  }
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
    const known = Object.keys(workflowSchema.shape).join(', ');
    problem.message = `The file has ${describeIssue(issue, doc)} at its top level (known fields: ${known})`;
    problem.field = issue.keys[0];
  } else {
    problem.message = `${field || 'The file'}${whose}: ${describeIssue(issue, doc)}`;
    problem.field = field;
  }
  return problem;
}
