// `sluice run` records its runs in the history `sluice serve` lists: the real CLI in a child process,
// then the real host service of `sluice serve` reading the same workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run.js';
import { createHostService } from '../host/hostService.js';
import { runHistoryPlace } from './runHistory.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sluice(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/sluice.js'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const pos = { x: 0, y: 0 };
function writeWorkflow(file: string, name: string, to: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      sluice: 1,
      name,
      nodes: [
        { id: 'src', type: 'core.sequence', params: { from: 1, to }, position: pos },
        { id: 'out', type: 'core.collect', params: {}, position: pos },
      ],
      edges: [{ id: 'e1', source: 'src', sourcePort: 'out', target: 'out', targetPort: 'in' }],
    }),
  );
}

/** Runs FILE with --json and returns its run id (from the events on stdout). */
function cliRun(file: string, ...extra: string[]): string {
  const r = sluice('run', file, '--json', ...extra);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const first = JSON.parse(r.stdout.split('\n')[0] as string) as RunEvent;
  return first.runId;
}

describe('sluice run history', () => {
  it('a CLI run of a workspace file shows in the history sluice serve lists, with its events', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'sluice-hist-'));
    writeWorkflow(path.join(ws, 'top.sluice.json'), 'top', 3);
    writeWorkflow(path.join(ws, 'flows', 'deep.sluice.json'), 'deep', 4);
    const topRun = cliRun(path.join(ws, 'top.sluice.json'));
    // The workspace has a history now: a file in a subfolder joins it, without being told.
    const deepRun = cliRun(path.join(ws, 'flows', 'deep.sluice.json'));
    expect(existsSync(path.join(ws, 'flows', '.sluice'))).toBe(false);
    // One way of persisting a run: the workspace's history database; the run folder keeps only
    // what the run's nodes wrote (outputs/: their recorded stream values).
    expect(readdirSync(path.join(ws, '.sluice', 'runs', topRun)).sort()).toEqual(['out.json', 'outputs']);
    expect(existsSync(path.join(ws, '.sluice', 'history.db'))).toBe(true);

    const host = await createHostService({ workspace: ws, confine: true, usePool: false });
    try {
      const list = await host.call('run:list', {});
      expect(list.map((r) => [r.runId, r.workflowName, r.workflowPath, r.status])).toEqual([
        [deepRun, 'deep', 'flows/deep.sluice.json', 'completed'],
        [topRun, 'top', 'top.sluice.json', 'completed'],
      ]);
      const got = await host.call('run:get', { runId: deepRun });
      expect(got.nodes.out?.status).toBe('completed');
      expect(got.events?.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
      expect(got.events?.some((e) => e.kind === 'log' && e.message.startsWith('collected 4 values'))).toBe(
        true,
      );
    } finally {
      await host.close();
    }
  });

  it('--workspace names the history; without one, a file outside any workspace keeps it next to itself', () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'sluice-hist-ws-'));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'sluice-hist-else-'));
    const file = path.join(elsewhere, 'a', 'w.sluice.json');
    writeWorkflow(file, 'w', 2);
    expect(runHistoryPlace(file)).toEqual({
      runsDir: path.join(elsewhere, 'a', '.sluice', 'runs'),
      workflowPath: 'w.sluice.json',
    });
    expect(runHistoryPlace(file, ws)).toEqual({
      runsDir: path.join(ws, '.sluice', 'runs'),
      workflowPath: file,
    });
    const runId = cliRun(file, '--workspace', ws);
    expect(readdirSync(path.join(ws, '.sluice', 'runs'))).toEqual([runId]);
    expect(existsSync(path.join(elsewhere, 'a', '.sluice'))).toBe(false);
    const bad = sluice('run', file, '--workspace', path.join(ws, 'missing'));
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--workspace')]);
  });
});
