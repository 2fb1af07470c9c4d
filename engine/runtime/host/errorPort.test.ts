// Per-value error policy of core.map and core.filter (issue 9): a value whose code throws goes to the
// `error` port (and on to a fallback path), is skipped and counted, or fails the node.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent } from '../../model/run.js';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

function readJson<T>(runDir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(runDir, file), 'utf8')) as T;
}

function lastCounts(events: RunEvent[]): Map<string, EdgeCount> {
  const m = new Map<string, EdgeCount>();
  for (const e of events) if (e.kind === 'edge-counts') for (const c of e.counts) m.set(c.edgeId, c);
  return m;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('error port and per-value policy', () => {
  it("onError 'error-port': a throwing value goes to the error port as { node, message, stack, input }, on to a fallback", async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 100 }),
          node('m', 'core.map', {
            code: "x => { if (x % 5 === 0) throw new Error('bad ' + x); return x }",
            onError: 'error-port',
          }),
          node('am', 'core.map', {
            code: "async x => { if (x === 7) throw new Error('async 7'); return x }",
            onError: 'error-port',
          }),
          node('fallback', 'core.map', { code: 'e => e.input * 100' }),
          node('ok', 'core.collect'),
          node('errors', 'core.collect'),
          node('saved', 'core.collect'),
          node('aerr', 'core.collect'),
          node('aok', 'core.collect'),
        ],
        [
          edge('src', 'm'),
          edge('m', 'ok'),
          edge('m', 'errors', { from: 'error' }),
          edge('m', 'fallback', { from: 'error', id: 'm-fallback' }),
          edge('fallback', 'saved'),
          edge('src', 'am'),
          edge('am', 'aok'),
          edge('am', 'aerr', { from: 'error' }),
        ],
      ),
    );
    const summary = await run.handle.done;
    expect([summary.status, summary.error?.message]).toEqual(['completed', undefined]);
    const bad = range(100).filter((x) => x % 5 === 0);
    expect(readJson<number[]>(run.runDir, 'ok.json')).toEqual(range(100).filter((x) => x % 5 !== 0));
    const errors = readJson<Array<{ node: string; message: string; stack: string; input: number }>>(
      run.runDir,
      'errors.json',
    );
    expect(errors.map(({ node, message, input }) => ({ node, message, input }))).toEqual(
      bad.map((x) => ({ node: 'm', message: `bad ${x}`, input: x })),
    );
    for (const e of errors) expect(e.stack).toContain(`Error: bad ${e.input}`);
    expect(readJson<number[]>(run.runDir, 'saved.json')).toEqual(bad.map((x) => x * 100));
    expect(readJson<number[]>(run.runDir, 'aok.json')).toEqual(range(100).filter((x) => x !== 7));
    expect(readJson<Array<{ input: number; message: string }>>(run.runDir, 'aerr.json')).toMatchObject([
      { node: 'am', message: 'async 7', input: 7 },
    ]);
    const counts = lastCounts(run.events);
    expect(counts.get('m-errors')).toMatchObject({ sent: 20, received: 20 });
    expect(counts.get('m-ok')).toMatchObject({ sent: 80, received: 80 });
  });

  it("onError 'skip': the value is dropped and counted; 'fail' (the default) fails the node", async () => {
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 50 }),
          node('f', 'core.filter', {
            code: "x => { if (x % 10 === 0) throw new Error('no ' + x); return x % 2 === 0 }",
            onError: 'skip',
          }),
          node('out', 'core.collect'),
        ],
        [edge('src', 'f'), edge('f', 'out')],
      ),
    );
    const summary = await run.handle.done;
    expect(summary.status).toBe('completed');
    expect(readJson<number[]>(run.runDir, 'out.json')).toEqual(
      range(50).filter((x) => x % 2 === 0 && x % 10 !== 0),
    );
    const warn = run.events.filter((e) => e.kind === 'log' && e.nodeId === 'f' && e.level === 'warn');
    expect(warn.map((e) => (e.kind === 'log' ? e.message : ''))).toEqual([
      'skipped 5 values whose code threw',
    ]);

    const failing = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: 50 }),
          node('f', 'core.filter', { code: "x => { if (x === 10) throw new Error('no 10'); return true }" }),
          node('out', 'core.collect'),
        ],
        [edge('src', 'f'), edge('f', 'out')],
      ),
    );
    const failed = await failing.handle.done;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toBe('Node "f" (core.filter) failed: no 10');
  });
});
