// Previews are records of the run: what `run:preview` shows is what the run produced, captured when
// it executed, never recomputed from the live source files later.
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewTableOutput } from '../../host/outputs/preview.js';
import { edge, node, runWorkflow } from './testing/runWorkflow.js';

const SLOW_MS = 120_000;
const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');

describe('table previews are records of the run', { timeout: SLOW_MS }, () => {
  it('a preview read after the source file changed is byte-identical to the one read right after the run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-preview-'));
    const src = path.join(dir, 'weather.csv');
    await copyFile(WEATHER, src);
    const r = await runWorkflow(
      [
        node('load', 'csv.read', { path: src }),
        node('agg', 'sql.query', {
          sql: 'SELECT weather, count(*) AS n, round(avg(temp_max), 2) AS t FROM input GROUP BY weather ORDER BY weather',
        }),
        node('out', 'parquet.write', { path: path.join(dir, 'by-weather.parquet') }),
      ],
      [edge('load', 'table', 'agg', 'input'), edge('agg', 'table', 'out', 'table')],
    );
    expect(r.summary.status, JSON.stringify(r.summary.nodes)).toBe('completed');
    const before = JSON.stringify(await previewTableOutput(r.runDir, 'agg', 'table'));
    const source = JSON.stringify(await previewTableOutput(r.runDir, 'load', 'table'));
    expect(JSON.parse(source)).toMatchObject({ rowCount: 1461 });
    const written = JSON.stringify(await previewTableOutput(r.runDir, 'out', 'table'));
    expect(JSON.parse(before)).toMatchObject({
      rowCount: 5,
      columns: [
        { name: 'weather', type: 'string' },
        { name: 'n', type: 'integer' },
        { name: 't', type: 'number' },
      ],
    });
    expect(JSON.parse(before).rows[0]).toEqual({ weather: 'drizzle', n: 53, t: 15.93 });
    // The source changes after the run: one kind of weather only.
    await writeFile(src, 'date,precipitation,temp_max,temp_min,wind,weather\n2030-01-01,0,1,0,1,hail\n');
    expect(JSON.stringify(await previewTableOutput(r.runDir, 'agg', 'table'))).toBe(before);
    expect(JSON.stringify(await previewTableOutput(r.runDir, 'out', 'table'))).toBe(written);
    // The source's own table was read only inside agg's query: the sink that ran it captured it too,
    // when it ran, so it is the run's 1,461 rows, not today's one-row file.
    expect(JSON.stringify(await previewTableOutput(r.runDir, 'load', 'table'))).toBe(source);
  });
});
