// The run's errors: message, node and stack. Clicking one selects its node and brings it into view.
import { useReactFlow } from '@xyflow/react';
import { formatClock } from './logFilter.js';
import { useEditorStore } from '../store/index.js';
import { revealNode } from './revealNode.js';
import { useRun, type RunSlice } from './runStore.js';

const NO_ERRORS: never[] = [];
const selectErrors = (s: RunSlice) => s.run?.errors ?? NO_ERRORS;

export function ErrorsPanel() {
  const errors = useRun(selectErrors);
  const flow = useReactFlow();
  const editor = useEditorStore();
  if (errors.length === 0) {
    return (
      <div className="empty-hint panel-empty" data-testid="errors-empty">
        No errors in this run.
      </div>
    );
  }
  return (
    <ul className="run-errors" data-testid="run-errors">
      {errors.map((e, i) => (
        <li
          key={`${e.seq}-${i}`}
          className="run-error-item"
          data-testid="run-error"
          data-node-id={e.nodeId ?? ''}
          onClick={() => e.nodeId !== undefined && revealNode(editor, flow, e.nodeId)}
        >
          <div className="run-error-head">
            <span className="run-error-icon" aria-hidden>
              ✕
            </span>
            <span className="run-error-node mono">{e.nodeId ?? 'run'}</span>
            <span className="run-error-message">{e.message}</span>
            <span className="run-error-time mono">{formatClock(e.time)}</span>
          </div>
          {e.stack && (
            <details className="run-error-stack" onClick={(ev) => ev.stopPropagation()}>
              <summary>Stack</summary>
              <pre className="mono">{e.stack}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
