// No orphans (issue 9): the host is a real `node bin/sluice.js run` child; its node processes must
// be gone 2 s after it dies, even while a node blocks its event loop.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from './testSupport.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const n = (id: string, type: string, params: Record<string, unknown> = {}) => ({
  id,
  type,
  params,
  position: { x: 0, y: 0 },
});

/** A source, a node spinning in a synchronous loop, a sink. */
function busyWorkflow(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-orphans-'));
  const file = path.join(dir, 'busy.sluice.json');
  writeFileSync(
    file,
    JSON.stringify({
      sluice: 1,
      name: 'busy',
      nodes: [
        n('src', 'core.sequence', { from: 1, to: 10 }),
        n('spin', 'core.map', { code: 'x => { for (;;) {} }' }),
        n('sink', 'core.collect'),
      ],
      edges: [
        { id: 'e1', source: 'src', sourcePort: 'out', target: 'spin', targetPort: 'in' },
        { id: 'e2', source: 'spin', sourcePort: 'out', target: 'sink', targetPort: 'in' },
      ],
    }),
  );
  return file;
}

/** Every process below `pid` (children, grandchildren …), from `ps`. */
function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).stdout;
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const all: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  return all;
}

/** Starts the host and resolves once the spinning node has taken a value (it is busy). */
async function startBusyHost(
  env: Record<string, string> = {},
): Promise<{ host: ChildProcessWithoutNullStreams; workers: number[]; stdout: () => string }> {
  const host = spawn(process.execPath, [path.join(root, 'bin/sluice.js'), 'run', busyWorkflow(), '--json'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    host.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // The source has sent everything and finished: the spinning node has its first value.
      if (stdout.includes('"nodeId":"src","status":"completed"')) resolve();
    });
    host.on('exit', () => reject(new Error(`the host exited early: ${stdout}`)));
  });
  await new Promise((r) => setTimeout(r, 200));
  const workers = descendants(host.pid as number);
  started.push(host.pid as number, ...workers);
  // spin and sink (the source has exited).
  expect(workers.length).toBe(2);
  return { host, workers, stdout: () => stdout };
}

async function expectAllGoneWithin(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((r) => setTimeout(r, 50));
  const alive = pids.filter(isAlive);
  if (alive.length > 0) {
    // What is left, for the failure message.
    console.error(
      spawnSync('ps', ['-o', 'pid,ppid,stat,etime,args', '-p', alive.join(',')], { encoding: 'utf8' }).stdout,
    );
  }
  for (const p of alive) process.kill(p, 'SIGKILL');
  expect(alive).toEqual([]);
}

const started: number[] = [];
afterEach(() => {
  // A failed test must not leave its processes behind either.
  for (const p of started.splice(0)) if (isAlive(p)) process.kill(p, 'SIGKILL');
});

describe('no orphans', () => {
  it('kill -9 of the host with a busy node leaves no process 2 s later (parent-death signal)', async () => {
    const { host, workers } = await startBusyHost();
    host.kill('SIGKILL');
    await expectAllGoneWithin(workers, 2000);
  });

  it('kill -9 of the host with a busy node leaves no process 2 s later (watchdog thread, no setpriv)', async () => {
    const { host, workers } = await startBusyHost({ SLUICE_NO_PDEATHSIG: '1' });
    host.kill('SIGKILL');
    await expectAllGoneWithin(workers, 2000);
  });

  it('a node process whose host died before it started (it has another parent) ends at once', async () => {
    // As if the host were killed between fork and the parent-death signal: the worker was started
    // for a host (SLUICE_HOST_PID) that is not its parent.
    const entry = path.join(root, 'dist/engine/worker.js');
    const child = spawn(process.execPath, [entry], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, SLUICE_HOST_PID: String(process.pid + 1_000_000) },
    });
    started.push(child.pid as number);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
  });

  it('a second Ctrl-C aborts the run: its busy node processes end, the run ends cancelled, the host exits', async () => {
    const { host, workers, stdout } = await startBusyHost();
    host.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    host.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => host.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    await expectAllGoneWithin(workers, 2000);
    // Aborted, not abandoned: the run's last event (also in its history) says it was cancelled.
    const last = JSON.parse(stdout().trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ kind: 'run-status', status: 'cancelled' });
  });
});
