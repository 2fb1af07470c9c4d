// Integration: pre-started workers (real processes) load and prepare their preload modules ahead of
// a run, say when they are ready, and serve DuckDB nodes from there.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.js';
import { resolveWorkerEntry, startRun } from './runController.js';
import { node, recordingLauncher, workflow } from './testSupport.js';
import { WorkerPool } from './workerPool.js';

const DUCKDB = ['@duckdb/node-api'];
let pool: WorkerPool | undefined;

afterEach(() => pool?.dispose());

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('worker pool', { timeout: 60_000 }, () => {
  it('idle workers say when their modules are loaded and prepared, for every profile', async () => {
    pool = new WorkerPool({ launcher: recordingLauncher(), entry: resolveWorkerEntry(), size: 2 });
    pool.warm();
    pool.warm(DUCKDB);
    expect(pool.readyCount(DUCKDB)).toBe(0);
    await until('ready workers', () => pool!.readyCount() === 2 && pool!.readyCount(DUCKDB) === 2);
    expect(pool.idleCount(DUCKDB)).toBe(2);
  });

  // Since issue 11 only the executing node (the sink) preloads DuckDB; the SQL node that composes
  // takes a plain worker.
  it('runs the sink on a prepared DuckDB worker and the SQL node on a plain one, launching no others', async () => {
    const launcher = recordingLauncher();
    pool = new WorkerPool({ launcher, entry: resolveWorkerEntry(), size: 1, refillDelayMs: 60_000 });
    pool.warm(DUCKDB);
    pool.warm([]);
    await until('ready workers', () => pool!.readyCount(DUCKDB) === 1 && pool!.readyCount([]) === 1);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-pool-duck-'));
    const out = path.join(dir, 'n.parquet');
    const handle = await startRun({
      workflow: workflow(
        [
          node('q', 'sql.query', { sql: 'SELECT 42 AS n', ports: [] }),
          node('save', 'parquet.write', { path: out }),
        ],
        [{ id: 'e', source: 'q', sourcePort: 'table', target: 'save', targetPort: 'table' }],
      ),
      baseDir: dir,
      runsDir: path.join(dir, 'runs'),
      registry: await createRegistry(),
      pool,
    });
    const summary = await handle.done;
    expect(summary.status, JSON.stringify(summary.nodes)).toBe('completed');
    expect(existsSync(out)).toBe(true);
    expect(launcher.pids).toHaveLength(2);
    expect(pool.idleCount(DUCKDB)).toBe(0);
    expect(pool.idleCount([])).toBe(0);
  });
});
