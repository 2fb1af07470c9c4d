// A run whose host dies: a real `sluice run` is killed with SIGKILL mid-run. While it lives, another
// host sees its run "running"; after the kill the history shows it failed ("host stopped"), with its
// events up to the kill and its nodes' last states.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RunStore } from './runStore.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sluice.js');
let ws: string;

beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'sluice-dead-host-'));
  await writeFile(
    path.join(ws, 'slow.sluice.json'),
    JSON.stringify({
      sluice: 1,
      name: 'Slow',
      nodes: [
        {
          id: 'numbers',
          type: 'core.sequence',
          params: { from: 1, to: 10000, intervalMs: 20 },
          position: { x: 0, y: 0 },
        },
        { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'numbers', sourcePort: 'out', target: 'print', targetPort: 'in' }],
    }),
  );
});
afterAll(() => rm(ws, { recursive: true, force: true }));

it('a live CLI run stays running for another host; killed with -9, it shows failed with its logs', async () => {
  const cli = spawn(
    process.execPath,
    [bin, 'run', path.join(ws, 'slow.sluice.json'), '--json', '--workspace', ws],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => cli.on('exit', () => resolve()));
  try {
    for (let t = 0; t < 20_000 && (out.match(/"kind":"log"/g) ?? []).length < 5; t += 50)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // its history has been written since

    const other = new RunStore({ runsDir: path.join(ws, '.sluice', 'runs') });
    const [live] = await other.list();
    expect(live).toMatchObject({ status: 'running', startedBy: 'cli', workflowName: 'Slow' });
    expect(live?.nodes['numbers']?.status).toBe('running');

    cli.kill('SIGKILL');
    await exited;
    const [dead] = await other.list();
    expect(dead).toMatchObject({
      runId: live?.runId,
      status: 'failed',
      error: { message: expect.stringContaining('host stopped') },
      nodes: { numbers: { status: 'running' }, print: { status: 'running' } },
    });
    const logs = (await other.get(dead!.runId))?.events.filter((e) => e.kind === 'log') ?? [];
    expect(logs.length).toBeGreaterThanOrEqual(5);
    await other.close();

    // A host that opens the database later sees the same.
    const later = new RunStore({ runsDir: path.join(ws, '.sluice', 'runs') });
    expect((await later.get(dead!.runId))?.status).toBe('failed');
    await later.close();
  } finally {
    cli.kill('SIGKILL');
  }
}, 60_000);
