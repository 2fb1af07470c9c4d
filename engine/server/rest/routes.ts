// The REST API's routes as OpenAPI route definitions: method, path, parameters, body and answers.
// restApp.ts implements them; the OpenAPI document is generated from these.

import { createRoute, z } from '@hono/zod-openapi';
import {
  ErrorBodySchema,
  FileEntrySchema,
  LogPageSchema,
  NodeTypeSchema,
  OkSchema,
  OutputSchema,
  PreviewSchema,
  RunPageSchema,
  RunStatusSchema,
  RunSummarySchema,
  StartRunSchema,
  WorkflowSchema,
} from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const err = (description: string) => json(ErrorBodySchema, description);
const common = { 401: err('No or a wrong token.') };

const RunIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: '20261202-071200-a1b2c3' }),
});
const WorkflowPathParam = z.object({
  path: z
    .string()
    .min(1)
    .openapi({
      param: { name: 'path', in: 'path' },
      description: 'The file in the workspace, URL-encoded (`flows%2Fdaily.sluice.json`).',
      example: 'daily.sluice.json',
    }),
});
const toInt = (name: string, description: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .optional()
    .openapi({ param: { name, in: 'query' }, description, type: 'integer' });

export const listNodes = createRoute({
  method: 'get',
  path: '/nodes',
  summary: 'Node types',
  responses: { 200: json(z.array(NodeTypeSchema), 'Every node type.'), ...common },
});

export const listWorkflows = createRoute({
  method: 'get',
  path: '/workflows',
  summary: 'Workflow files and folders of a workspace folder',
  request: {
    query: z.object({
      dir: z
        .string()
        .optional()
        .openapi({
          param: { name: 'dir', in: 'query' },
          description: 'A folder of the workspace; its top by default.',
        }),
    }),
  },
  responses: {
    200: json(z.array(FileEntrySchema), 'Folders first, then files.'),
    404: err('No such folder.'),
    ...common,
  },
});

export const getWorkflow = createRoute({
  method: 'get',
  path: '/workflows/{path}',
  summary: 'A workflow file',
  request: { params: WorkflowPathParam },
  responses: {
    200: json(WorkflowSchema, 'The workflow as stored.'),
    404: err('No such file.'),
    422: err('The file is not a valid workflow (details: its problems).'),
    ...common,
  },
});

export const putWorkflow = createRoute({
  method: 'put',
  path: '/workflows/{path}',
  summary: 'Create or replace a workflow file (atomically)',
  request: {
    params: WorkflowPathParam,
    body: { content: { 'application/json': { schema: WorkflowSchema } }, required: true },
  },
  responses: {
    200: json(z.object({ path: z.string() }), 'Replaced.'),
    201: json(z.object({ path: z.string() }), 'Created.'),
    400: err('Not a workflow file name, or malformed JSON.'),
    413: err('Larger than 16 MiB.'),
    415: err('Not application/json.'),
    422: err('Not a valid workflow (details: its problems).'),
    ...common,
  },
});

export const deleteWorkflow = createRoute({
  method: 'delete',
  path: '/workflows/{path}',
  summary: 'Delete a workflow file',
  request: { params: WorkflowPathParam },
  responses: {
    204: { description: 'Deleted.' },
    400: err('Not a workflow file.'),
    404: err('No such file.'),
    ...common,
  },
});

export const listRuns = createRoute({
  method: 'get',
  path: '/runs',
  summary: 'Runs, newest first, filtered and paged',
  request: {
    query: z.object({
      workflow: z
        .string()
        .optional()
        .openapi({ param: { name: 'workflow', in: 'query' }, description: 'Workflow name.' }),
      state: RunStatusSchema.optional().openapi({ param: { name: 'state', in: 'query' } }),
      limit: toInt('limit', 'Runs per page, 1 … 1000 (default 50).'),
      cursor: z
        .string()
        .optional()
        .openapi({
          param: { name: 'cursor', in: 'query' },
          description: 'The `nextCursor` of the previous page.',
        }),
    }),
  },
  responses: {
    200: json(RunPageSchema, 'One page of runs.'),
    400: err('A bad filter or cursor.'),
    ...common,
  },
});

export const startRun = createRoute({
  method: 'post',
  path: '/runs',
  summary: 'Start a run (asynchronous: answers at once)',
  request: { body: { content: { 'application/json': { schema: StartRunSchema } }, required: true } },
  responses: {
    201: json(RunSummarySchema, 'Started; follow it with GET /runs/{id} or /runs/{id}/events.'),
    400: err('Malformed: neither `path` nor `workflow`, bad JSON, a bad `params` key.'),
    404: err('No such workflow file.'),
    413: err('Larger than 16 MiB.'),
    415: err('Not application/json.'),
    422: err('The workflow cannot run (details: its problems, as `sluice validate` prints them).'),
    ...common,
  },
});

export const getRun = createRoute({
  method: 'get',
  path: '/runs/{id}',
  summary: 'A run: its state and each node’s',
  request: { params: RunIdParam },
  responses: { 200: json(RunSummarySchema, 'The run.'), 404: err('No such run.'), ...common },
});

const control = (action: 'cancel' | 'abort' | 'pause' | 'resume', summary: string) =>
  createRoute({
    method: 'post',
    path: `/runs/{id}/${action}`,
    summary,
    request: { params: RunIdParam },
    responses: {
      200: json(OkSchema, 'Done.'),
      404: err('No such run.'),
      409: err('The run is not running in this host (it has ended, or another host runs it).'),
      ...common,
    },
  });
export const cancelRun = control(
  'cancel',
  'Stop a run: sources stop, in-flight items drain (10 s grace), then the rest is killed',
);
export const abortRun = control(
  'abort',
  'Abort a run: every node process is killed at once (also while a cancel drains); the run ends cancelled',
);
export const pauseRun = control('pause', 'Pause a run: no node gets demand');
export const resumeRun = control('resume', 'Resume a paused run');

export const runEvents = createRoute({
  method: 'get',
  path: '/runs/{id}/events',
  summary: 'A run’s events as Server-Sent Events: what happened so far, then live until it ends',
  description:
    'Each event is `id: <seq>`, `event: <kind>`, `data: <RunEvent JSON>`. Reconnecting with `Last-Event-ID` resumes after that event. The stream ends after the run’s final `run-status`.',
  request: {
    params: RunIdParam,
    headers: z.object({
      'last-event-id': z
        .string()
        .regex(/^\d+$/)
        .optional()
        .openapi({ param: { name: 'last-event-id', in: 'header' } }),
    }),
  },
  responses: {
    200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'The event stream.' },
    404: err('No such run.'),
    ...common,
  },
});

export const runLogs = createRoute({
  method: 'get',
  path: '/runs/{id}/logs',
  summary: 'A run’s log lines, paged',
  request: {
    params: RunIdParam,
    query: z.object({
      node: z
        .string()
        .optional()
        .openapi({ param: { name: 'node', in: 'query' }, description: 'Only this node’s lines.' }),
      after: toInt('after', 'Lines after this event number (`next` of the previous page).'),
      limit: toInt('limit', 'Lines per page, 1 … 1000 (default 1000).'),
    }),
  },
  responses: {
    200: json(LogPageSchema, 'Log lines in order.'),
    400: err('A bad query.'),
    404: err('No such run.'),
    ...common,
  },
});

export const runOutputs = createRoute({
  method: 'get',
  path: '/runs/{id}/outputs',
  summary: 'The table outputs a run recorded',
  request: { params: RunIdParam },
  responses: {
    200: json(z.array(OutputSchema), 'Each can be previewed.'),
    404: err('No such run.'),
    ...common,
  },
});

export const runPreview = createRoute({
  method: 'get',
  path: '/runs/{id}/outputs/{node}/{port}',
  summary: 'A recorded table output: schema, exact row count, first rows (captured when the run executed it)',
  request: {
    params: RunIdParam.extend({
      node: z
        .string()
        .min(1)
        .openapi({ param: { name: 'node', in: 'path' } }),
      port: z
        .string()
        .min(1)
        .openapi({ param: { name: 'port', in: 'path' } }),
    }),
  },
  responses: { 200: json(PreviewSchema, 'The preview.'), 404: err('No such run or output.'), ...common },
});
