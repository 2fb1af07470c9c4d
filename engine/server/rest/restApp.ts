// The REST API (`/api/v1/…`) for scripts and other tools: a thin mapping onto the same host service
// as the WebSocket API, with its OpenAPI 3.1 document at `/api/v1/openapi.json` generated from the
// route definitions (routes.ts) whose schemas also validate every request. Every request is already
// authorized (token, Host, Origin) when it gets here (auth.ts).

import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { HostMethod, HostParams, HostResult } from '../../hostApi/api.js';
import { parseHostParams } from '../../hostApi/validate.js';
import type { HostService } from '../../host/hostService.js';
import { parseWorkflow } from '../../model/load.js';
import type { ParamOverride } from '../../model/paramOverrides.js';
import { validateWorkflowDocument } from '../../model/schema.js';
import type { RunSummary } from '../../model/run.js';
import { ApiError, errorBody, sendError } from './apiError.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import * as r from './routes.js';
import { streamRunEvents } from './runEvents.js';

export const REST_BASE = '/api/v1';
const MAX_BODY = 16 * 1024 * 1024;
const DEFAULT_PAGE = 50;

const withId = (run: RunSummary) => {
  const {
    events: _events,
    workflow: _workflow,
    ...summary
  } = run as RunSummary & {
    events?: unknown;
    workflow?: unknown;
  };
  return { ...summary, id: run.runId };
};

/** "NODE.KEY" → value, as `sluice run --param`. */
function overridesOf(params: Record<string, unknown> | undefined): ParamOverride[] {
  return Object.entries(params ?? {}).map(([name, value]) => {
    const dot = name.indexOf('.');
    if (dot <= 0 || dot === name.length - 1)
      throw new ApiError('bad-request', `params: "${name}" is not NODE.KEY (e.g. "src.path")`);
    return { nodeId: name.slice(0, dot), key: name.slice(dot + 1), value };
  });
}

/** The methods the app's routes take at `path` (for a 405 rather than a 404). */
function methodsAt(app: OpenAPIHono, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const pattern = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+');
    if (new RegExp(`^${pattern}$`).test(path)) methods.add(route.method);
  }
  return [...methods];
}

export function createRestApp(service: HostService): OpenAPIHono {
  const app = new OpenAPIHono({
    // A request the schemas refuse. A workflow body that is JSON but not a valid workflow is 422 with
    // its problems, as `sluice validate` names them; anything else is malformed (400).
    defaultHook: (result, c) => {
      if (result.success) return;
      const workflowAt =
        result.target === 'json'
          ? c.req.path.startsWith(`${REST_BASE}/workflows/`)
            ? []
            : result.error.issues.every((i) => i.path[0] === 'workflow')
              ? ['workflow']
              : undefined
          : undefined;
      if (workflowAt !== undefined) {
        return c.req.json().then((body: unknown) => {
          const doc = workflowAt.length ? (body as Record<string, unknown>).workflow : body;
          const { problems } = validateWorkflowDocument(doc);
          return c.json(
            errorBody(
              'invalid-workflow',
              `The workflow is not valid: ${problems[0]?.message ?? 'see details'}`,
              problems,
            ),
            422,
          );
        });
      }
      const details = result.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      const where = details.map((d) => `${d.path || result.target}: ${d.message}`).join('; ');
      return c.json(errorBody('bad-request', `Invalid request ${result.target}: ${where}`, details), 400);
    },
  }).basePath(REST_BASE);

  const call = async <M extends HostMethod>(name: M, params: HostParams<M>): Promise<HostResult<M>> => {
    const checked = parseHostParams(name, params);
    if ('error' in checked) throw new ApiError('bad-request', checked.error);
    return service.call(name, checked.params as HostParams<M>);
  };

  // Bodies: JSON only (a browser cannot send it cross-site without a preflight), at most 16 MiB.
  const limit = bodyLimit({
    maxSize: MAX_BODY,
    onError: (c) =>
      c.json(errorBody('too-large', `The request body is larger than ${MAX_BODY / 1024 / 1024} MiB`), 413),
  });
  for (const [method, path] of [
    ['POST', '/runs'],
    ['PUT', '/workflows/:path'],
  ] as const) {
    app.use(path, async (c, next) => {
      if (c.req.method !== method) return next();
      if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
        return c.json(
          errorBody(
            'unsupported-media-type',
            'The request body must be JSON (Content-Type: application/json)',
          ),
          415,
        );
      return limit(c, async () => {
        try {
          await c.req.raw.clone().json();
        } catch (err) {
          c.res = c.json(
            errorBody('bad-request', `The request body is not valid JSON: ${(err as Error).message}`),
            400,
          );
          return;
        }
        await next();
      });
    });
  }

  app.openapi(r.listNodes, async (c) => c.json(await call('nodes:list', {}), 200));

  app.openapi(r.listWorkflows, async (c) => {
    const { dir } = c.req.valid('query');
    return c.json(await call('workflow:list', dir !== undefined ? { dir } : {}), 200);
  });

  app.openapi(r.getWorkflow, async (c) => {
    const { path } = c.req.valid('param');
    const { text } = await call('workflow:open', { path });
    const { workflow, problems } = parseWorkflow(text);
    if (!workflow)
      throw new ApiError(
        'invalid-workflow',
        `${path} is not a valid workflow: ${problems[0]?.message ?? ''}`,
        problems,
      );
    return c.json(workflow, 200);
  });

  app.openapi(r.putWorkflow, async (c) => {
    const { path } = c.req.valid('param');
    const workflow = c.req.valid('json');
    const existed = await call('workflow:open', { path }).then(
      () => true,
      () => false,
    );
    const saved = await call('workflow:save', { path, text: JSON.stringify(workflow, null, 2) + '\n' });
    return existed ? c.json(saved, 200) : c.json(saved, 201);
  });

  app.openapi(r.deleteWorkflow, async (c) => {
    await call('workflow:delete', { path: c.req.valid('param').path });
    return c.body(null, 204);
  });

  app.openapi(r.listRuns, async (c) => {
    const { workflow, state, limit, cursor } = c.req.valid('query');
    const size = limit ?? DEFAULT_PAGE;
    if (size < 1 || size > 1000) throw new ApiError('bad-request', 'limit must be 1 … 1000');
    const before = cursor !== undefined ? decodeCursor(cursor) : undefined;
    const runs = await call('run:list', {
      ...(workflow !== undefined ? { workflow } : {}),
      ...(state !== undefined ? { status: state } : {}),
      ...(before ? { before } : {}),
      limit: size + 1,
    });
    const page = runs.slice(0, size);
    const last = page.at(-1);
    return c.json(
      { runs: page.map(withId), ...(runs.length > size && last ? { nextCursor: encodeCursor(last) } : {}) },
      200,
    );
  });

  app.openapi(r.startRun, async (c) => {
    const body = c.req.valid('json');
    if (!body.workflow && body.path === undefined)
      throw new ApiError(
        'bad-request',
        'Give the workflow to run: `path` (a file in the workspace) or `workflow` (inline)',
      );
    let workflow = body.workflow;
    if (!workflow) {
      const path = body.path as string;
      const parsed = parseWorkflow((await call('workflow:open', { path })).text);
      if (!parsed.workflow)
        throw new ApiError(
          'invalid-workflow',
          `${path} is not a valid workflow: ${parsed.problems[0]?.message ?? ''}`,
          parsed.problems,
        );
      workflow = parsed.workflow;
    }
    const overrides = overridesOf(body.params);
    const { runId } = await call('run:start', {
      workflow,
      ...(body.path !== undefined ? { path: body.path } : {}),
      ...(overrides.length ? { overrides } : {}),
    });
    return c.json(withId(await call('run:get', { runId })), 201);
  });

  app.openapi(r.getRun, async (c) =>
    c.json(withId(await call('run:get', { runId: c.req.valid('param').id })), 200),
  );

  for (const [route, method] of [
    [r.cancelRun, 'run:stop'],
    [r.abortRun, 'run:abort'],
    [r.pauseRun, 'run:pause'],
    [r.resumeRun, 'run:resume'],
  ] as const) {
    app.openapi(route, async (c) => {
      const runId = c.req.valid('param').id;
      await call('run:get', { runId }); // 404 before 409
      return c.json(await call(method, { runId }), 200);
    });
  }

  app.openapi(r.runEvents, async (c) => {
    const runId = c.req.valid('param').id;
    const last = c.req.valid('header')['last-event-id'];
    await call('run:get', { runId }); // 404 as JSON, before the stream starts
    return streamRunEvents(c, service, runId, last !== undefined ? Number(last) : undefined);
  });

  app.openapi(r.runLogs, async (c) => {
    const runId = c.req.valid('param').id;
    const { node, after, limit } = c.req.valid('query');
    const size = limit ?? 1000;
    const logs = await call('run:logs', {
      runId,
      ...(node !== undefined ? { nodeId: node } : {}),
      ...(after !== undefined ? { afterSeq: after } : {}),
      limit: size,
    });
    const last = logs.at(-1);
    return c.json({ logs, ...(logs.length === size && last ? { next: last.seq } : {}) }, 200);
  });

  app.openapi(r.runOutputs, async (c) => {
    const runId = c.req.valid('param').id;
    await call('run:get', { runId });
    return c.json(await call('run:outputs', { runId }), 200);
  });

  app.openapi(r.runPreview, async (c) => {
    const { id, node, port } = c.req.valid('param');
    await call('run:get', { runId: id });
    try {
      return c.json(await call('run:preview', { runId: id, nodeId: node, port }), 200);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('not-found', (err as Error).message);
    }
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Sluice REST API',
      version: '1',
      description:
        'Workflows, runs, their events and logs. Every request needs the token `sluice serve` prints: `Authorization: Bearer <token>` (or the `token` query parameter).',
    },
    security: [{ bearer: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.notFound((c) => {
    const allowed = methodsAt(app, c.req.path);
    return allowed.length > 0
      ? c.json(
          errorBody(
            'method-not-allowed',
            `Method ${c.req.method} not allowed here; use ${allowed.join(' or ')}`,
          ),
          405,
          {
            Allow: allowed.join(', '),
          },
        )
      : c.json(errorBody('not-found', `No API route ${c.req.method} ${c.req.path}`), 404);
  });
  app.onError((err, c) => sendError(c, err));
  return app;
}
