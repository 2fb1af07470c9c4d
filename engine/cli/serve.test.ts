// `sluice serve` as a user starts it: the real bin, a real port, a signal to stop.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../runtime/host/testSupport.js';
import { RunStore } from '../store/runStore.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');
let workspace: string;

/** Direct children of a process (Linux /proc). */
function childPids(parent: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) out.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-serve-cli-'));
});
afterAll(() => rm(workspace, { recursive: true, force: true }));

describe('sluice serve', () => {
  it('refuses bad arguments with exit code 2 and a reason', () => {
    for (const [args, reason] of [
      [['--port', 'abc'], '--port must be an integer'],
      [['--token', 'short'], '--token must be at least 16'],
      [['--workspace', path.join(workspace, 'missing')], 'is not a folder'],
      [['--bogus'], "Unknown option '--bogus'"],
    ] as const) {
      const r = spawnSync(process.execPath, [bin, 'serve', ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(reason);
    }
  });

  it('takes a fixed token for scripts from the config folder, and refuses one others can read', async () => {
    const config = await mkdtemp(path.join(os.tmpdir(), 'sluice-config-'));
    const file = path.join(config, 'serve-token');
    await writeFile(file, 'fixed-token-for-my-scripts\n', { mode: 0o644 });
    const env = { ...process.env, SLUICE_CONFIG_DIR: config };
    const open = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--no-build'], {
      encoding: 'utf8',
      env,
    });
    expect(open.status).toBe(2);
    expect(open.stderr).toContain('can be read by other users');
    await chmod(file, 0o600);
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--workspace', workspace, '--no-build'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      },
    );
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let out = '';
        const onData = (c: Buffer) => {
          out += c.toString();
          const m = /Sluice is serving (\S+)/.exec(out);
          if (m?.[1]) resolve(new URL(m[1]));
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', () => reject(new Error(out)));
      });
      expect(url.searchParams.get('token')).toBe('fixed-token-for-my-scripts');
      const res = await fetch(`${url.origin}/api/v1/nodes`, {
        headers: { Authorization: 'Bearer fixed-token-for-my-scripts' },
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await rm(config, { recursive: true, force: true });
    }
  });

  it('serves on the port it picked, prints its URL with the token, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--workspace', workspace, '--no-build'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const url = await new Promise<URL>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /Sluice is serving (\S+)/.exec(out);
        if (m?.[1]) resolve(new URL(m[1]));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', () => reject(new Error(out)));
    });
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    const token = url.searchParams.get('token') ?? '';
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    expect((await fetch(`${url.origin}/api/v1/runs`)).status).toBe(401);
    const runs = await fetch(`${url.origin}/api/v1/runs`, { headers: { Authorization: `Bearer ${token}` } });
    expect(runs.status).toBe(200);
    expect(await runs.json()).toEqual({ runs: [] });

    // A long run is going when the signal comes: it is stopped, its processes go, its history stays.
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const slow = {
      sluice: 1,
      name: 'Slow',
      nodes: [
        {
          id: 'tick',
          type: 'core.sequence',
          params: { from: 1, to: 100000, intervalMs: 10 },
          position: { x: 0, y: 0 },
        },
        { id: 'print', type: 'core.log', params: {}, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'tick', sourcePort: 'out', target: 'print', targetPort: 'in' }],
    };
    const started = await fetch(`${url.origin}/api/v1/runs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ workflow: slow }),
    });
    expect(started.status).toBe(201);
    const { runId } = (await started.json()) as { runId: string };
    for (let i = 0; i < 200; i++) {
      const run = (await (await fetch(`${url.origin}/api/v1/runs/${runId}`, { headers: auth })).json()) as {
        status: string;
      };
      if (run.status === 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Counting child processes needs Linux's /proc; elsewhere the rest of the test still runs.
    const workers = process.platform === 'linux' ? childPids(child.pid ?? -1) : [];
    if (process.platform === 'linux') expect(workers.length).toBeGreaterThanOrEqual(2);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopping runs');
    expect(workers.filter(isAlive)).toEqual([]);
    const history = new RunStore({ runsDir: path.join(workspace, '.sluice', 'runs') });
    expect(await history.get(runId)).toMatchObject({ runId, status: 'cancelled' });
    await history.close();
  }, 60_000);
});
