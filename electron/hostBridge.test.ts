// The path a renderer call takes in the app, minus Electron's IPC transport: HostClient (preload
// client) → bridge function per method → callHost (validation, file access) → the real HostService
// with real node processes. The desktop-only functions need Electron dialogs and are not used here.

import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostMethod } from '../engine/hostApi/api.js';
import { HOST_BRIDGE_FUNCTIONS, type SluiceBridge } from './contract/ipc.js';
import { HostError } from '../engine/hostApi/errors.js';
import type { RunEvent } from '../engine/model/run.js';
import { createHostService, type HostService } from '../engine/host/hostService.js';
import { createPreloadHost } from '../renderer/src/host/preloadClient.js';
import { FileGrants } from './fileAccess.js';
import { callHost } from './hostCalls.js';

const examplesDir = path.resolve(import.meta.dirname, '..', 'examples');

function inProcessBridge(service: HostService, grants: FileGrants): SluiceBridge {
  // As main does per window: one host session, whose run events go to this bridge's listeners.
  const listeners = new Set<(runId: string, events: RunEvent[]) => void>();
  const session = service.openSession((runId, events) => listeners.forEach((l) => l(runId, events)));
  const functions: Record<string, unknown> = {};
  for (const [method, name] of Object.entries(HOST_BRIDGE_FUNCTIONS)) {
    functions[name] = (params: unknown) => callHost(session, method as HostMethod, params, grants);
  }
  const unavailable = () => {
    throw new Error('Electron dialogs are not part of this test');
  };
  return {
    ...(functions as unknown as SluiceBridge),
    openFileDialog: unavailable,
    saveFileDialog: unavailable,
    windowDocument: unavailable,
    setDirty: unavailable,
    onMenuCommand: unavailable,
    onRunEvents: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

describe('host calls through the preload bridge', () => {
  let dir: string;
  let service: HostService;
  let grants: FileGrants;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-bridge-'));
    service = await createHostService({
      workspace: dir,
      confine: false,
      examplesDir,
      runsDir: path.join(dir, 'runs'),
      trustFile: path.join(dir, 'config', 'trusted-folders.json'),
    });
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists node types and examples', async () => {
    grants = new FileGrants();
    const host = createPreloadHost(inProcessBridge(service, grants));
    const nodes = await host.call('nodes:list', {});
    expect(nodes.map((n) => n.type)).toContain('core.sequence');
    const examples = await host.call('workflow:examples', {});
    expect(examples.map((e) => e.path)).toContain('example:numbers-pipeline.sluice.json');
  });

  it('refuses malformed params with a message naming the field', async () => {
    const host = createPreloadHost(inProcessBridge(service, new FileGrants()));
    const err = await host.call('run:stop', { runId: 42 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/run:stop.*runId/);
    // Abort, like its neighbours, is checked before it reaches the host.
    const abort = await host.call('run:abort', { runId: 42 } as never).catch((e: unknown) => e);
    expect((abort as HostError).message).toMatch(/run:abort.*runId/);
    const unknown = await host.call('run:abort', { runId: 'no-such-run' }).catch((e: unknown) => e);
    expect((unknown as HostError).message).toMatch(/No run with id "no-such-run"/);
  });

  it('saves only to files the user chose, then opens them back byte for byte', async () => {
    grants = new FileGrants();
    const host = createPreloadHost(inProcessBridge(service, grants));
    const file = path.join(dir, 'flow.sluice.json');
    const text = await readFile(path.join(examplesDir, 'numbers-pipeline.sluice.json'), 'utf8');

    const refused = await host.call('workflow:save', { path: file, text }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain(
      `Saving to "${file}" needs the user to choose that file first`,
    );
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);

    grants.grant(file); // what dialog:save does once the person picked the path
    await host.call('workflow:save', { path: file, text });
    expect((await host.call('workflow:open', { path: file })).text).toBe(text);

    const outside = await host.call('workflow:open', { path: '/etc/passwd' }).catch((e: unknown) => e);
    expect((outside as Error).message).toContain('"/etc/passwd" is not a workflow file');
  });

  it('workflow files inside the workspace may be saved without a dialog, nothing else there', async () => {
    grants = new FileGrants(dir);
    const host = createPreloadHost(inProcessBridge(service, grants));
    const inside = path.join(dir, 'sub', 'new.sluice.json');
    await host.call('workflow:save', { path: inside, text: '{}' });
    expect(await readFile(inside, 'utf8')).toBe('{}');
    for (const refused of [path.join(dir, 'notes.txt'), path.join(dir, '..', 'escape.sluice.json')]) {
      const err = await host.call('workflow:save', { path: refused, text: '{}' }).catch((e: unknown) => e);
      expect((err as Error).message).toContain('needs the user to choose that file first');
    }
  });

  it('workflow:list is confined: the workspace and folders of opened files, never ~/.ssh', async () => {
    grants = new FileGrants(path.join(dir, 'ws'));
    const host = createPreloadHost(inProcessBridge(service, grants));
    await mkdir(path.join(dir, 'ws', 'flows'), { recursive: true });
    await mkdir(path.join(dir, 'elsewhere'), { recursive: true });
    await writeFile(path.join(dir, 'ws', 'flows', 'a.sluice.json'), '{}');
    await writeFile(path.join(dir, 'elsewhere', 'b.sluice.json'), '{}');
    const listed = await host.call('workflow:list', { dir: path.join(dir, 'ws', 'flows') });
    expect(listed.map((e) => e.name)).toEqual(['a.sluice.json']);
    for (const refused of [path.join(os.homedir(), '.ssh'), '/etc', path.join(dir, 'elsewhere'), 'flows']) {
      const err = await host.call('workflow:list', { dir: refused }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(
        /^workflow:list: ".*" is (outside the workspace|not an absolute path)/,
      );
    }
    // Opening a file there (a dialog, the command line) makes its folder listable.
    await host.call('workflow:open', { path: path.join(dir, 'elsewhere', 'b.sluice.json') });
    const there = await host.call('workflow:list', { dir: path.join(dir, 'elsewhere') });
    expect(there.map((e) => e.name)).toEqual(['b.sluice.json']);
  });

  it('a workflow outside the workspace is restricted until the user trusts its folder', async () => {
    grants = new FileGrants(path.join(dir, 'ws'));
    const host = createPreloadHost(inProcessBridge(service, grants));
    // Outside the app's workspace (`dir`): a file mailed to the user, double-clicked in Downloads.
    const downloads = await mkdtemp(path.join(os.tmpdir(), 'sluice-downloads-'));
    const received = path.join(downloads, 'received.sluice.json');
    const workflow = {
      sluice: 1 as const,
      name: 'received',
      nodes: [{ id: 'n', type: 'core.sequence', params: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    await writeFile(received, JSON.stringify(workflow));
    await host.call('workflow:open', { path: received });
    const folder = await realpath(path.dirname(received));
    expect(await host.call('trust:get', { path: received })).toEqual({ trusted: false, folder });
    const refused = await host.call('run:start', { workflow, path: received }).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/^Not run: the folder .* is not trusted/);
    expect(await host.call('trust:grant', { path: received })).toEqual({ trusted: true, folder });
    const { runId } = await host.call('run:start', { workflow, path: received });
    // Let it end here, so its events do not reach the next test's listener.
    while (!['completed', 'failed', 'cancelled'].includes((await host.call('run:get', { runId })).status))
      await new Promise((r) => setTimeout(r, 50));
    expect((await host.call('run:get', { runId })).status).toBe('completed');
    await rm(downloads, { recursive: true, force: true });
  });

  it('a file the user opened may be saved back in place', async () => {
    grants = new FileGrants();
    const host = createPreloadHost(inProcessBridge(service, grants));
    const file = path.join(dir, 'opened.sluice.json');
    const text = await readFile(path.join(examplesDir, 'fan-out.sluice.json'), 'utf8');
    await writeFile(file, text);
    await host.call('workflow:open', { path: file });
    await host.call('workflow:save', { path: file, text });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a refused run carries its problems to the caller', async () => {
    const host = createPreloadHost(inProcessBridge(service, new FileGrants()));
    const workflow = {
      sluice: 1 as const,
      name: 'broken',
      nodes: [{ id: 'x', type: 'no.such.type', params: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const err = await host.call('run:start', { workflow }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).problems?.some((p) => p.nodeId === 'x' && p.code === 'unknown-node-type')).toBe(
      true,
    );
  });

  it('runs an example to completion and delivers its events', async () => {
    const host = createPreloadHost(inProcessBridge(service, new FileGrants()));
    const doc = await host.call('workflow:open', { path: 'example:numbers-pipeline.sluice.json' });
    const events: RunEvent[] = [];
    const done = new Promise<void>((resolve) => {
      host.onRunEvents((_runId, batch) => {
        events.push(...batch);
        if (batch.some((e) => e.kind === 'run-status' && e.status === 'completed')) resolve();
      });
    });
    const { runId } = await host.call('run:start', { workflow: JSON.parse(doc.text), path: doc.path });
    await done;
    expect(events.every((e) => e.runId === runId)).toBe(true);
    const finished = events
      .filter((e) => e.kind === 'node-status' && e.status === 'completed')
      .map((e) => e.kind === 'node-status' && e.nodeId);
    expect(new Set(finished)).toEqual(new Set(['numbers', 'square', 'even', 'print']));
  });
});
