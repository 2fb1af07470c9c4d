// The large data view (bottom panel, "Data" tab): the selected node's inputs and outputs side by
// side, each with its schema, row count and pages through its first rows, read from the last run's
// recorded outputs (`run:outputs`, `run:preview`): tables, and for stream ports the first values the
// run recorded (one row per value, an object's keys as columns), with how many went by.
import { useMemo, useState } from 'react';
import { bypassGraph } from '../../../engine/check/bypass.js';
import type { TablePreview } from '../../../engine/hostApi/api.js';
import { useEditor, type EditorState } from '../store/index.js';
import { numericColumns, PreviewCells, PreviewHeads } from './PreviewCells.js';
import { useRecordedOutputs, useSettledRun, useTablePreview } from './useRecordedTables.js';

const PAGE_SIZES = [25, 50, 100] as const;
const selectSingleNode = (s: EditorState) =>
  s.selection.nodes.length === 1 ? (s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) ?? null) : null;
const selectDoc = (s: EditorState) => s.doc;
const selectPortTypes = (s: EditorState) => s.portTypes;

interface TableRef {
  /** What the side calls it: the input port and where it comes from, or the output port. */
  title: string;
  nodeId: string;
  port: string;
}

function PagedTable({ preview, testId }: { preview: TablePreview; testId: string }) {
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [page, setPage] = useState(0);
  const loaded = preview.rows.length;
  const pages = Math.max(1, Math.ceil(loaded / pageSize));
  const current = Math.min(page, pages - 1);
  const rows = preview.rows.slice(current * pageSize, (current + 1) * pageSize);
  const first = loaded === 0 ? 0 : current * pageSize + 1;
  const numeric = numericColumns(preview);
  const noun = preview.kind === 'values' ? 'value' : 'row';
  const last = first + rows.length - (rows.length ? 1 : 0);
  const count = (n: number) => n.toLocaleString('en-US');
  const of =
    loaded >= preview.rowCount
      ? ` of ${count(loaded)}`
      : preview.kind === 'values'
        ? ` · first ${count(loaded)} of ${count(preview.rowCount)}`
        : ` of the first ${count(loaded)}`;
  const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
  return (
    <div className="data-table" data-testid={testId} data-kind={preview.kind ?? 'table'}>
      <div className="data-table-bar">
        <span data-testid={`${testId}-summary`}>
          {plural(preview.rowCount, noun)} · {plural(preview.columns.length, 'column')}
        </span>
        <span className="spacer" />
        <span className="data-range" data-testid={`${testId}-range`}>
          {`${noun}s ${first}–${last}${of}`}
        </span>
        <label className="data-page-size">
          per page{' '}
          <select
            value={pageSize}
            onChange={(e) => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
            data-testid={`${testId}-page-size`}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button
          className="icon-button"
          disabled={current === 0}
          onClick={() => setPage(current - 1)}
          aria-label="Previous rows"
          data-testid={`${testId}-prev`}
        >
          ‹
        </button>
        <button
          className="icon-button"
          disabled={current >= pages - 1}
          onClick={() => setPage(current + 1)}
          aria-label="Next rows"
          data-testid={`${testId}-next`}
        >
          ›
        </button>
      </div>
      <div className="data-scroll">
        <table>
          <thead>
            <tr>
              <th className="data-rownum">#</th>
              <PreviewHeads preview={preview} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={first + i}>
                <td className="data-rownum">{first + i}</td>
                <PreviewCells preview={preview} row={row} numeric={numeric} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RecordedTable({ runId, table, testId }: { runId: string; table: TableRef; testId: string }) {
  const preview = useTablePreview(runId, table.nodeId, table.port);
  return (
    <div className="data-entry">
      <div className="data-entry-title mono">{table.title}</div>
      {preview?.state === 'loading' && <div className="empty-hint">Reading the record…</div>}
      {preview?.state === 'error' && <div className="field-error">{preview.message}</div>}
      {preview?.state === 'ready' && <PagedTable preview={preview.value} testId={testId} />}
    </div>
  );
}

function Side({
  title,
  runId,
  tables,
  empty,
  testId,
}: {
  title: string;
  runId: string;
  tables: TableRef[];
  empty: string;
  testId: string;
}) {
  return (
    <section className="data-side" data-testid={testId} aria-label={title}>
      <div className="section-title">{title}</div>
      {tables.length === 0 && <div className="empty-hint">{empty}</div>}
      {tables.map((t, i) => (
        <RecordedTable key={`${t.nodeId}.${t.port}`} runId={runId} table={t} testId={`${testId}-${i}`} />
      ))}
    </section>
  );
}

export function DataView() {
  const node = useEditor(selectSingleNode);
  const doc = useEditor(selectDoc);
  const portTypes = useEditor(selectPortTypes);
  // An input fed through a bypassed node shows what its producer sent, as the run joined the edges.
  const edges = useMemo(() => bypassGraph(doc, portTypes).workflow.edges, [doc, portTypes]);
  const runId = useSettledRun(node?.id ?? '');
  const recorded = useRecordedOutputs(runId);
  if (!node)
    return (
      <div className="empty-hint panel-empty">
        Select a node to see the data it read and wrote in the last run.
      </div>
    );
  if (runId === null)
    return (
      <div className="empty-hint panel-empty" data-testid="data-view-empty">
        Run the workflow to see what “{node.label ?? node.id}” read and wrote.
      </div>
    );
  if (!recorded || recorded.state === 'loading')
    return <div className="empty-hint panel-empty">Loading…</div>;
  if (recorded.state === 'error') return <div className="field-error">{recorded.message}</div>;
  const has = new Set(recorded.value.map((o) => `${o.nodeId}.${o.port}`));
  const inputs: TableRef[] = edges
    .filter((e) => e.target === node.id && has.has(`${e.source}.${e.sourcePort}`))
    .map((e) => ({
      title: `${e.targetPort} ← ${e.source}.${e.sourcePort}`,
      nodeId: e.source,
      port: e.sourcePort,
    }));
  const outputs: TableRef[] = recorded.value
    .filter((o) => o.nodeId === node.id)
    .map((o) => ({ title: o.port, nodeId: o.nodeId, port: o.port }));
  return (
    <div className="data-view" data-testid="data-view" data-node-id={node.id}>
      <Side
        title="Input"
        runId={runId}
        tables={inputs}
        empty="Nothing came in (no input was recorded)."
        testId="data-input"
      />
      <Side
        title="Output"
        runId={runId}
        tables={outputs}
        empty="Nothing went out (no output with an edge was recorded)."
        testId="data-output"
      />
    </div>
  );
}
