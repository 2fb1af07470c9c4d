// The shipped data examples run to completion on the real vega-datasets files (sinks redirected to a
// temporary folder so the test leaves the repository untouched).
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../model/load.js';
import { startRun } from '../../runtime/host/runController.js';
import { createRegistry } from '../registry.js';

/** Each test runs whole workflows (a process per node): generous on a loaded 2-core machine. */
const SLOW_MS = 120_000;

const EXAMPLES = path.resolve('examples');
const files = [
  'data-seattle-weather.sluice.json',
  'data-flights-by-state.sluice.json',
  'data-flight-delays.sluice.json',
];

describe('data examples', { timeout: SLOW_MS }, () => {
  it.each(files)('%s runs to completion', async (file) => {
    const text = await readFile(path.join(EXAMPLES, file), 'utf8');
    const parsed = parseWorkflow(text);
    if (!parsed.workflow) throw new Error(JSON.stringify(parsed.problems));
    const out = await mkdtemp(path.join(os.tmpdir(), 'sluice-examples-'));
    const handle = await startRun({
      workflow: parsed.workflow,
      baseDir: EXAMPLES,
      runsDir: out,
      registry: await createRegistry(),
      paramOverrides: [{ nodeId: 'save', key: 'path', value: path.join(out, `result-${file}`) }],
    });
    const summary = await handle.done;
    expect(summary.status, JSON.stringify(summary.nodes)).toBe('completed');
  });
});
