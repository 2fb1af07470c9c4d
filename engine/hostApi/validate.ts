// Checks a host request from an untrusted client (a browser tab, the Electron renderer) before the
// host acts on it: a known method name and params of the right shape. Pure (zod), so Electron main
// and `sluice serve` use the same checks. The workflow check here is shallow on purpose: a workflow
// with a bad field must still reach `workflow:validate`, which reports it as a problem on the canvas.

import { z } from 'zod';
import { RUN_STATUSES } from '../model/run.js';
import { ID_PATTERN } from '../model/schema.js';
import type { HostMethod, HostRequest } from './api.js';

const nonEmpty = (what: string) =>
  z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`);

const position = z.object({ x: z.number(), y: z.number() }).loose();

const workflowShape = z
  .object({
    sluice: z.number({ error: 'workflow.sluice must be the file version number' }),
    name: z.string({ error: 'workflow.name must be a string' }),
    nodes: z.array(
      z
        .object({
          id: z.string(),
          type: z.string(),
          params: z.record(z.string(), z.unknown()),
          position,
        })
        .loose(),
      { error: 'workflow.nodes must be an array of nodes' },
    ),
    edges: z.array(
      z
        .object({
          id: z.string(),
          source: z.string(),
          sourcePort: z.string(),
          target: z.string(),
          targetPort: z.string(),
        })
        .loose(),
      { error: 'workflow.edges must be an array of edges' },
    ),
  })
  .loose();

const empty = z.object({}).strict();
const runId = z.object({ runId: nonEmpty('runId') }).strict();
const withWorkflow = z.object({ workflow: workflowShape, path: z.string().optional() }).strict();
const seq = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .nonnegative(`${what} must not be negative`);
const limit = z
  .number({ error: 'limit must be a number' })
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(10_000, 'limit must be at most 10000');

/** Params schema per method; `satisfies` makes a missing method a compile error. */
const paramSchemas = {
  'nodes:list': empty,
  'workflow:validate': withWorkflow,
  'workflow:infer': withWorkflow,
  'workflow:open': z.object({ path: nonEmpty('path') }).strict(),
  'workflow:save': z
    .object({ path: nonEmpty('path'), text: z.string({ error: 'text must be a string' }) })
    .strict(),
  'workflow:list': z.object({ dir: z.string().optional() }).strict(),
  'workflow:delete': z.object({ path: nonEmpty('path') }).strict(),
  'workflow:examples': empty,
  'run:start': withWorkflow.extend({
    overrides: z
      .array(z.object({ nodeId: nonEmpty('nodeId'), key: nonEmpty('key'), value: z.unknown() }).strict())
      .optional(),
  }),
  'trust:get': z.object({ path: z.string().optional() }).strict(),
  'trust:grant': z.object({ path: z.string().optional() }).strict(),
  'run:stop': runId,
  'run:abort': runId,
  'run:pause': runId,
  'run:resume': runId,
  'run:list': z
    .object({
      workflow: z.string().optional(),
      since: seq('since').optional(),
      status: z.enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(', ')}` }).optional(),
      before: z
        .object({ startedAt: seq('before.startedAt'), runId: nonEmpty('before.runId') })
        .strict()
        .optional(),
      limit: limit.optional(),
    })
    .strict(),
  'run:logs': z
    .object({
      runId: nonEmpty('runId'),
      nodeId: z.string().optional(),
      afterSeq: seq('afterSeq').optional(),
      limit: limit.optional(),
    })
    .strict(),
  'run:get': runId,
  'run:outputs': runId,
  'run:preview': z
    .object({
      runId: nonEmpty('runId'),
      // Both name files of the run folder: plain names only.
      nodeId: nonEmpty('nodeId').regex(ID_PATTERN, 'nodeId must be a node id'),
      port: nonEmpty('port').regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'port must be a port name'),
    })
    .strict(),
  'run:subscribe': z
    .object({
      runId: nonEmpty('runId'),
      afterSeq: seq('afterSeq').optional(),
    })
    .strict(),
  'run:unsubscribe': runId,
} satisfies Record<HostMethod, z.ZodType>;

export const HOST_METHODS = Object.keys(paramSchemas) as HostMethod[];

export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && Object.hasOwn(paramSchemas, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'params';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** Checks only the params of `method` (for transports that carry the method name separately, e.g. IPC channels). */
export function parseHostParams(
  method: HostMethod,
  params: unknown,
): { params: unknown } | { error: string } {
  const result = paramSchemas[method].safeParse(params ?? {});
  if (!result.success) return { error: `Invalid params for "${method}": ${describeIssues(result.error)}` };
  return { params: result.data };
}

export function parseHostRequest(raw: unknown): HostRequest | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: 'A host request must be a JSON object {id, method, params}' };
  }
  const { id, method, params } = raw as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    return { error: 'A host request needs a numeric "id"' };
  if (!isHostMethod(method)) {
    return {
      error: `Unknown host method ${JSON.stringify(method)}; known methods: ${HOST_METHODS.join(', ')}`,
    };
  }
  const checked = parseHostParams(method, params);
  if ('error' in checked) return checked;
  return { id, method, params: checked.params } as HostRequest;
}
