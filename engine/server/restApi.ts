// The REST API (`/api/v1/…`), for scripts and other tools. A thin mapping onto the same host service
// as the WebSocket API; every request is already authorized when it gets here.
//   GET  /api/v1/nodes              node types
//   GET  /api/v1/runs               run history, newest first
//   GET  /api/v1/runs/:id           one run with its events
//   POST /api/v1/runs               start a run; body: a workflow, or { workflow, path }
//   POST /api/v1/runs/:id/cancel    stop a run: drain (in-flight items finish), then stop the rest
//   POST /api/v1/runs/:id/abort     abort a run: kill its node processes at once (also while draining)
//   GET  /api/v1/runs/:id/outputs   the table outputs the run recorded
//   GET  /api/v1/runs/:id/outputs/:node/:port   a preview of one (schema, row count, first 100 rows)

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostMethod, HostParams } from '../hostApi/api.js';
import { toWireError } from '../hostApi/errors.js';
import { parseHostParams } from '../hostApi/validate.js';
import type { HostService } from '../host/hostService.js';
import { sendJson } from './staticFiles.js';

const MAX_BODY = 16 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleRest(
  service: HostService,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  try {
    const result = await route(service, req, pathname);
    sendJson(res, result.status, result.body);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 400;
    sendJson(res, status, { error: toWireError(err) });
  }
}

async function route(
  service: HostService,
  req: IncomingMessage,
  pathname: string,
): Promise<{ status: number; body: unknown }> {
  const parts = pathname
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const call = async <M extends HostMethod>(name: M, params: unknown) => {
    const checked = parseHostParams(name, params);
    if ('error' in checked) throw new HttpError(400, checked.error);
    return service.call(name, checked.params as HostParams<M>);
  };

  if (parts[0] === 'nodes' && parts.length === 1) {
    allow(method, 'GET');
    return { status: 200, body: await call('nodes:list', {}) };
  }
  if (parts[0] === 'runs') {
    if (parts.length === 1 && method === 'GET') return { status: 200, body: await call('run:list', {}) };
    if (parts.length === 1) {
      allow(method, 'POST');
      const body = await readJson(req);
      const params = isObject(body) && 'workflow' in body ? body : { workflow: body };
      return { status: 201, body: await call('run:start', params) };
    }
    if (parts.length === 2) {
      allow(method, 'GET');
      return { status: 200, body: await call('run:get', { runId: parts[1] }).catch(statusOnError(404)) };
    }
    if (parts.length === 3 && parts[2] === 'outputs') {
      allow(method, 'GET');
      return { status: 200, body: await call('run:outputs', { runId: parts[1] }).catch(statusOnError(404)) };
    }
    if (parts.length === 5 && parts[2] === 'outputs') {
      allow(method, 'GET');
      const params = { runId: parts[1], nodeId: parts[3], port: parts[4] };
      return { status: 200, body: await call('run:preview', params).catch(statusOnError(404)) };
    }
    if (parts.length === 3 && (parts[2] === 'cancel' || parts[2] === 'abort')) {
      allow(method, 'POST');
      const name = parts[2] === 'cancel' ? 'run:stop' : 'run:abort';
      return { status: 200, body: await call(name, { runId: parts[1] }).catch(statusOnError(409)) };
    }
  }
  throw new HttpError(404, `No API route ${method} ${pathname}`);
}

/** A host error of a run lookup means "no such run" (404) or "not running" (409), not a bad request. */
function statusOnError(status: number) {
  return (err: unknown): never => {
    if (err instanceof HttpError) throw err;
    throw new HttpError(status, (err as Error).message);
  };
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, `Method ${method} not allowed here; use ${expected}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Browsers cannot send application/json cross-site without a preflight: one more guard for POSTs.
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, 'The request body must be JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpError(413, `The request body is larger than ${MAX_BODY / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
