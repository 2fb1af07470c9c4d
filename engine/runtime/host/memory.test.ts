// Per-node memory caps (issue 9): a node over its cap fails alone, with "out of memory (limit N MB)";
// V8's fatal text goes into the run's events, not the host's stderr. The host is a real
// `node bin/sluice.js run` child.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../model/run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const n = (id: string, type: string, params: Record<string, unknown> = {}, policy?: object) => ({
  id,
  type,
  params,
  position: { x: 0, y: 0 },
  ...(policy ? { policy } : {}),
});
const e = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourcePort: 'out',
  target,
  targetPort: 'in',
});

/** Runs `hogCode` in a capped, allow-fail map beside an uncapped branch; returns events and stderr. */
async function runHog(
  hogCode: string,
): Promise<{ events: RunEvent[]; stderr: string; code: number | null; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-memory-'));
  const file = path.join(dir, 'hog.sluice.json');
  writeFileSync(
    file,
    JSON.stringify({
      sluice: 1,
      name: 'hog',
      nodes: [
        n('src', 'core.sequence', { from: 1, to: 200 }),
        n('hog', 'core.map', { code: hogCode }, { memoryLimitMb: 64, allowFail: true }),
        n('fine', 'core.map', { code: 'x => x * 2' }),
        n('got', 'core.collect'),
        n('rest', 'core.collect'),
      ],
      edges: [e('src', 'hog'), e('src', 'fine'), e('hog', 'got'), e('fine', 'rest')],
    }),
  );
  const child = spawn(process.execPath, [path.join(root, 'bin/sluice.js'), 'run', file, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const events = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunEvent);
  return { events, stderr, code, dir };
}

function finalStatus(events: RunEvent[], nodeId: string): RunEvent | undefined {
  return events.filter((ev) => ev.kind === 'node-status' && ev.nodeId === nodeId).at(-1);
}

function collected(dir: string, nodeId: string): unknown[] {
  const runs = path.join(dir, '.sluice', 'runs');
  const [runId] = readdirSync(runs);
  return JSON.parse(readFileSync(path.join(runs, runId as string, `${nodeId}.json`), 'utf8')) as unknown[];
}

describe('memory caps', () => {
  it('a node over its heap cap fails alone with "out of memory (limit 64 MB)"; V8’s text is in the events', async () => {
    // Keeps ~1 KB strings forever: the heap grows past 64 MB.
    const { events, stderr, code, dir } = await runHog(
      "x => { const k = (globalThis.keep ??= []); for (let i = 0; i < 200000; i++) k.push('y'.repeat(1000) + i); return x }",
    );
    expect(code).toBe(0);
    expect(finalStatus(events, 'hog')).toMatchObject({
      status: 'failed',
      error: { message: 'Node "hog" (core.map): out of memory (limit 64 MB)' },
    });
    for (const id of ['src', 'fine', 'got', 'rest'])
      expect(finalStatus(events, id)).toMatchObject({ status: 'completed' });
    expect(collected(dir, 'rest')).toEqual(Array.from({ length: 200 }, (_, i) => 2 * (i + 1)));
    expect(events.at(-1)).toMatchObject({ kind: 'run-status', status: 'completed' });
    const v8 = events.filter((ev) => ev.kind === 'log' && ev.nodeId === 'hog' && /heap/i.test(ev.message));
    expect(v8.length).toBeGreaterThan(0);
    expect(stderr).not.toMatch(/heap out of memory|Reached heap limit/i);
  });

  it('a node whose resident memory (off-heap buffers) passes twice its cap is killed alone, saying so', async () => {
    // 32 MB buffers are outside V8's heap: only the resident-memory watch sees them.
    const { events, code, dir } = await runHog(
      'x => { const k = (globalThis.keep ??= []); if (k.length < 40) k.push(Buffer.alloc(32 * 1024 * 1024, 1)); const t = Date.now(); while (Date.now() - t < 20) {} return x }',
    );
    expect(code).toBe(0);
    const hog = finalStatus(events, 'hog');
    expect(hog).toMatchObject({ status: 'failed' });
    expect(hog?.kind === 'node-status' ? hog.error?.message : '').toMatch(
      /^Node "hog" \(core\.map\): out of memory \(limit 64 MB\): its resident memory reached \d+ MB$/,
    );
    expect(collected(dir, 'rest')).toHaveLength(200);
  });
});
