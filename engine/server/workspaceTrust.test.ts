// Workspace trust through the real `sluice serve`: a workflow in an untrusted folder is shown and
// checked structurally, but nothing reads its files or runs its SQL and Run is refused, until the
// folder is trusted (remembered per user, 0600); `--workspace DIR` trusts DIR.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceTrustState } from '../hostApi/api.js';
import type { Problem } from '../model/problem.js';
import type { Workflow } from '../model/workflow.js';
import { createHostService } from '../host/hostService.js';
import { resultOf, startHarness, type Harness } from './testing/serveHarness.js';

let h: Harness;
let trustFile: string;
let configDir: string;

const workflow: Workflow = {
  sluice: 1,
  name: 'Untrusted',
  nodes: [
    { id: 'read', type: 'csv.read', params: { path: 'people.csv' }, position: { x: 0, y: 0 } },
    { id: 'q', type: 'sql.query', params: { sql: 'SELECT name FROM input' }, position: { x: 200, y: 0 } },
    // Would fail loudly if inference ran: reading a FIFO.
    { id: 'pipe', type: 'csv.read', params: { path: 'pipe.csv' }, position: { x: 0, y: 200 } },
    { id: 'odd', type: 'no.such.type', params: {}, position: { x: 400, y: 200 } },
  ],
  edges: [{ id: 'e1', source: 'read', sourcePort: 'table', target: 'q', targetPort: 'input' }],
};

beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-config-'));
  trustFile = path.join(configDir, 'sluice', 'trusted-folders.json');
  h = await startHarness({ trustWorkspace: false, trustFile });
  await writeFile(path.join(h.workspace, 'people.csv'), 'id,name\n1,ann\n');
  execFileSync('mkfifo', [path.join(h.workspace, 'pipe.csv')]);
  await writeFile(path.join(h.workspace, 'flow.sluice.json'), JSON.stringify(workflow));
});

afterAll(async () => {
  await h.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('restricted mode', () => {
  it('checks structurally, infers nothing that reads files, refuses Run; trusting lifts it', async () => {
    const p = 'flow.sluice.json';
    const before = resultOf<WorkspaceTrustState>(await h.call('trust:get', { path: p }));
    expect(before).toEqual({ trusted: false, folder: h.workspace });

    const inferred = resultOf<{
      outputTypes: Record<string, unknown>;
      problems: Problem[];
      restricted?: unknown;
    }>(await h.call('workflow:infer', { workflow, path: p }));
    expect(inferred).toEqual({
      outputTypes: {},
      problems: [],
      suggestedParams: {},
      restricted: { trusted: false, folder: h.workspace },
    });
    const problems = resultOf<Problem[]>(await h.call('workflow:validate', { workflow, path: p }));
    expect(problems.map((x) => `${x.nodeId}:${x.code}`)).toEqual(['odd:unknown-node-type']);

    const refused = await h.call('run:start', { workflow, path: p });
    expect('error' in refused && refused.error.message).toBe(
      `Not run: the folder ${h.workspace} is not trusted. A workflow runs code; Sluice shows and checks this one but runs nothing from it until you trust its folder (Trust this folder).`,
    );
    expect(resultOf<unknown[]>(await h.call('run:list', {}))).toEqual([]);

    const granted = resultOf<WorkspaceTrustState>(await h.call('trust:grant', { path: p }));
    expect(granted).toEqual({ trusted: true, folder: h.workspace });
    expect(JSON.parse(await readFile(trustFile, 'utf8'))).toEqual({ trustedFolders: [h.workspace] });
    expect(((await stat(trustFile)).mode & 0o777).toString(8)).toBe('600');
    expect(((await stat(path.dirname(trustFile))).mode & 0o777).toString(8)).toBe('700');

    const after = resultOf<{ outputTypes: Record<string, Record<string, string>>; problems: Problem[] }>(
      await h.call('workflow:infer', { workflow, path: p }),
    );
    expect(after.outputTypes['read']).toEqual({ table: 'table{id:integer,name:string}' });
    expect(after.outputTypes['q']).toEqual({ table: 'table{name:string}' });
    expect(after.problems.map((x) => x.nodeId)).toEqual(['pipe']);
  });

  it('is remembered per folder for the next host, and covers subfolders only', async () => {
    await mkdir(path.join(h.workspace, 'sub'), { recursive: true });
    const next = await createHostService({
      workspace: h.workspace,
      confine: true,
      trustWorkspace: false,
      trustFile,
    });
    try {
      expect((await next.call('trust:get', { path: 'sub/x.sluice.json' })).trusted).toBe(true);
    } finally {
      await next.close();
    }
    const sibling = await createHostService({
      workspace: h.outside,
      confine: true,
      trustWorkspace: false,
      trustFile,
    });
    try {
      expect(await sibling.call('trust:get', {})).toEqual({ trusted: false, folder: h.outside });
    } finally {
      await sibling.close();
    }
  });

  it('trusts the workspace a host was started for (sluice serve --workspace DIR)', async () => {
    const given = await createHostService({ workspace: h.outside, confine: true, trustFile });
    try {
      expect(await given.call('trust:get', {})).toEqual({ trusted: true, folder: h.outside });
    } finally {
      await given.close();
    }
  });
});
