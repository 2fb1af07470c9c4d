// The inspector's data preview: after a run (or once the node has completed), the table outputs the
// selected node recorded, each with its schema, row count and first 100 rows, read through the host
// API (`run:outputs`, `run:preview`), so it works in the app and in `sluice serve` alike.

import { useEffect, useState } from 'react';
import type { TablePreview } from '../../../engine/hostApi/api.js';
import { useRunSession } from './context.js';
import { useSettledRun, type Loaded } from './useRecordedTables.js';
import { numericColumns, PreviewCells, PreviewHeads } from './PreviewCells.js';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function PreviewTable({ preview }: { preview: TablePreview }) {
  const shown = preview.rows.length;
  const numeric = numericColumns(preview);
  return (
    <div className="preview" data-testid="preview-table">
      <div className="preview-summary" data-testid="preview-summary">
        {preview.rowCount.toLocaleString('en-US')} row{preview.rowCount === 1 ? '' : 's'} ·{' '}
        {preview.columns.length} column{preview.columns.length === 1 ? '' : 's'}
        {shown < preview.rowCount ? ` · first ${shown}` : ''}
      </div>
      <div className="preview-scroll">
        <table>
          <thead>
            <tr>
              <PreviewHeads preview={preview} />
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={i}>
                <PreviewCells preview={preview} row={row} numeric={numeric} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function OutputPreview({ nodeId }: { nodeId: string }) {
  const session = useRunSession();
  const runId = useSettledRun(nodeId);
  const [ports, setPorts] = useState<Loaded<string[]> | null>(null);
  const [port, setPort] = useState<string | null>(null);
  const [preview, setPreview] = useState<Loaded<TablePreview> | null>(null);

  useEffect(() => {
    setPorts(null);
    setPort(null);
    if (runId === null) return;
    let live = true;
    setPorts({ state: 'loading' });
    session.outputs(runId).then(
      (all) => {
        if (!live) return;
        const mine = all.filter((o) => o.nodeId === nodeId && o.kind === 'table').map((o) => o.port);
        setPorts({ state: 'ready', value: mine });
        setPort(mine[0] ?? null);
      },
      (err: unknown) => live && setPorts({ state: 'error', message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [session, runId, nodeId]);

  useEffect(() => {
    setPreview(null);
    if (runId === null || port === null) return;
    let live = true;
    setPreview({ state: 'loading' });
    session.preview(runId, nodeId, port).then(
      (value) => live && setPreview({ state: 'ready', value }),
      (err: unknown) => live && setPreview({ state: 'error', message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [session, runId, nodeId, port]);

  // Nothing recorded: the node sends no tables (or has not run); say nothing rather than clutter.
  if (ports === null || (ports.state === 'ready' && ports.value.length === 0)) return null;
  return (
    <div className="inspector-section" data-testid="output-preview">
      <div className="section-title">Data preview</div>
      {ports.state === 'loading' && <div className="empty-hint">Loading…</div>}
      {ports.state === 'error' && <div className="field-error">{ports.message}</div>}
      {ports.state === 'ready' && ports.value.length > 1 && (
        <div className="preview-ports" role="tablist">
          {ports.value.map((p) => (
            <button
              key={p}
              role="tab"
              aria-selected={p === port}
              className={p === port ? 'active' : undefined}
              onClick={() => setPort(p)}
              data-testid={`preview-port-${p}`}
            >
              {p}
            </button>
          ))}
        </div>
      )}
      {preview?.state === 'loading' && <div className="empty-hint">Reading the table…</div>}
      {preview?.state === 'error' && (
        <div className="field-error" data-testid="preview-error">
          {preview.message}
        </div>
      )}
      {preview?.state === 'ready' && <PreviewTable preview={preview.value} />}
    </div>
  );
}
