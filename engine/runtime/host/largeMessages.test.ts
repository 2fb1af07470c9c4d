// Channels bounded in size as well as in messages (issue 9): large messages flow at any capacity.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EdgeCount, RunEvent } from '../../model/run.js';
import { edge, node, runWorkflow, workflow } from './testSupport.js';

function lastCounts(events: RunEvent[]): Map<string, EdgeCount> {
  const m = new Map<string, EdgeCount>();
  for (const e of events) if (e.kind === 'edge-counts') for (const c of e.counts) m.set(c.edgeId, c);
  return m;
}

describe('large messages', () => {
  it('2 MB messages flow at the default capacity, each once, with fan-out', async () => {
    const N = 300;
    const run = await runWorkflow(
      workflow(
        [
          node('src', 'core.sequence', { from: 1, to: N }),
          // 2 MB strings: a whole default window (512) of them would be a 1 GB JSON string.
          node('big', 'core.map', { code: "x => 'x'.repeat(2_000_000) + x" }),
          node('len', 'core.map', { code: 'x => x.length * 1000 + Number(x.slice(2_000_000))' }),
          node('also', 'core.filter', { code: "x => x.startsWith('xxxx')" }),
          node('lens', 'core.collect'),
          node('count', 'core.log', { maxLines: 0 }),
        ],
        [
          edge('src', 'big'),
          edge('big', 'len'),
          edge('big', 'also'),
          edge('len', 'lens'),
          edge('also', 'count'),
        ],
      ),
    );
    const summary = await run.handle.done;
    expect([summary.status, summary.error?.message]).toEqual(['completed', undefined]);
    const lens = JSON.parse(readFileSync(path.join(run.runDir, 'lens.json'), 'utf8')) as number[];
    expect(lens).toEqual(
      Array.from({ length: N }, (_, i) => (2_000_000 + String(i + 1).length) * 1000 + i + 1),
    );
    const counts = lastCounts(run.events);
    for (const id of ['src-big', 'big-len', 'big-also', 'len-lens', 'also-count'])
      expect(counts.get(id)).toMatchObject({ sent: N, received: N });
    expect(
      run.events.some((e) => e.kind === 'log' && e.nodeId === 'count' && e.message === `${N} values`),
    ).toBe(true);
    // About 1.8 GB of JSON through the channels: slow on a busy 2-core machine.
  }, 120_000);
});
