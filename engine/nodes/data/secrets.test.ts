// Secrets: a received workflow cannot pick the user's environment variables or use a connections file
// others can read; an unset variable is named before anything connects; a password never reaches
// events, logs, history or previews. Real runs through the host service, a real TCP listener standing
// in for the author's server (it counts who connects).
import { createServer, type Server, type Socket } from 'node:net';
import { chmod, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary } from '../../model/run.js';
import type { Workflow } from '../../model/workflow.js';
import { createHostService, type HostService, type HostSession } from '../../host/hostService.js';

const MARKER = 'hunter2-secret-marker-7f3a';
let dir: string;
let service: HostService;
let session: HostSession;
let server: Server;
let port: number;
let connections: number;
const events: RunEvent[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-secrets-')));
  connections = 0;
  server = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  process.env['AWS_SECRET_ACCESS_KEY'] = MARKER;
  process.env['MY_DB_PASSWORD'] = MARKER;
  process.env['SLUICE_DB_PASSWORD'] = MARKER;
  delete process.env['SLUICE_SURELY_UNSET'];
  // The user's own connections file: it allows one more variable.
  const userFile = path.join(dir, 'user-connections.json');
  await writeFile(userFile, JSON.stringify({ $allowEnv: ['MY_DB_PASSWORD'] }), { mode: 0o600 });
  process.env['SLUICE_CONNECTIONS_FILE'] = userFile;
  service = await createHostService({ workspace: dir, confine: true, usePool: false });
  session = service.openSession((_runId, batch) => events.push(...batch));
});

afterAll(async () => {
  await service.close();
  await new Promise((r) => server.close(r));
  for (const k of [
    'AWS_SECRET_ACCESS_KEY',
    'MY_DB_PASSWORD',
    'SLUICE_DB_PASSWORD',
    'SLUICE_CONNECTIONS_FILE',
  ]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await rm(dir, { recursive: true, force: true });
});

function pgQuery(params: Record<string, unknown>): Workflow {
  return {
    sluice: 1,
    name: 'Secrets',
    nodes: [
      { id: 'pg', type: 'postgres.query', params: { sql: 'SELECT 1', ...params }, position: { x: 0, y: 0 } },
      { id: 'look', type: 'data.inspect', params: {}, position: { x: 200, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'pg', sourcePort: 'table', target: 'look', targetPort: 'in' }],
  };
}

async function run(workflow: Workflow): Promise<{ summary: RunSummary; runId: string }> {
  const { runId } = await session.call('run:start', { workflow, path: 'secrets.sluice.json' });
  for (;;) {
    const summary = await service.call('run:get', { runId });
    if (['completed', 'failed', 'cancelled'].includes(summary.status)) return { summary, runId };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Everything the host kept or sent about runs: history files, recorded outputs, event batches. */
async function everythingRecorded(): Promise<string> {
  const runs = path.join(dir, '.sluice', 'runs');
  let text = JSON.stringify(events);
  for (const f of await readdir(runs, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) text += await readFile(path.join(f.parentPath, f.name), 'utf8');
  }
  return text;
}

describe('secrets', () => {
  it('refuses a variable outside SLUICE_* and the user list, before connecting', async () => {
    const { summary } = await run(pgQuery({ host: '127.0.0.1', port, passwordEnv: 'AWS_SECRET_ACCESS_KEY' }));
    expect(summary.nodes['pg']?.error?.message).toBe(
      `Node "pg", passwordEnv: a workflow may not read the environment variable AWS_SECRET_ACCESS_KEY; use a name starting with SLUICE_, or list it under "$allowEnv" in your connections file ${process.env['SLUICE_CONNECTIONS_FILE']}`,
    );
    expect(connections).toBe(0);
  });

  it('names an unset variable before connecting', async () => {
    const { summary } = await run(pgQuery({ host: '127.0.0.1', port, passwordEnv: 'SLUICE_SURELY_UNSET' }));
    expect(summary.nodes['pg']?.error?.message).toBe(
      'Node "pg", passwordEnv: the environment variable SLUICE_SURELY_UNSET is not set',
    );
    expect(connections).toBe(0);
  });

  it('refuses a connections file that group or others can read, with the chmod to run', async () => {
    const file = path.join(dir, 'shared-connections.json');
    await writeFile(file, JSON.stringify({ db: { host: '127.0.0.1', port, password: MARKER } }));
    await chmod(file, 0o644);
    const { summary } = await run(pgQuery({ connection: 'db', connectionsFile: file }));
    expect(summary.nodes['pg']?.error?.message).toBe(
      `Node "pg": connections file ${file} can be read by other users (mode 0644); it may hold passwords, so it is not used until you run: chmod 600 ${file}`,
    );
    expect(connections).toBe(0);
  });

  it('uses SLUICE_* and user-listed variables, and the password appears nowhere', async () => {
    for (const passwordEnv of ['SLUICE_DB_PASSWORD', 'MY_DB_PASSWORD']) {
      const before = connections;
      const { summary } = await run(pgQuery({ host: '127.0.0.1', port, passwordEnv }));
      // It got as far as the server (which hangs up: it is no PostgreSQL).
      expect(summary.nodes['pg']?.status).toBe('failed');
      expect(connections).toBeGreaterThan(before);
    }
    const file = path.join(dir, 'private-connections.json');
    await writeFile(file, JSON.stringify({ db: { host: '127.0.0.1', port, password: MARKER } }), {
      mode: 0o600,
    });
    const before = connections;
    await run(pgQuery({ connection: 'db', connectionsFile: file }));
    expect(connections).toBeGreaterThan(before);
    const recorded = await everythingRecorded();
    expect(recorded).toContain('"pg"');
    expect(recorded).not.toContain(MARKER);
  });
});
