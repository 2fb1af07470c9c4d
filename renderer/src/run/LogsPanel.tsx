// The run's log lines, virtualized (@tanstack/react-virtual: only visible rows are in the DOM), with
// filters by node and level and a follow mode that keeps the newest line in view until the person
// scrolls up. The run slice keeps the last LOG_CAP lines (runState.ts).

import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useReactFlow } from '@xyflow/react';
import type { LogLevel } from '../../../engine/model/run.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { filterLogs, formatClock, LEVELS } from './logFilter.js';
import { revealNode } from './revealNode.js';
import { LOG_CAP, formatCount } from './runState.js';
import { useRun, type RunSlice } from './runStore.js';

const ROW_HEIGHT = 22;
const NO_LINES: never[] = [];
const selectLogs = (s: RunSlice) => s.run?.logs ?? NO_LINES;
const selectDropped = (s: RunSlice) => s.run?.droppedLogs ?? 0;
const selectNodes = (s: EditorState) => s.doc.nodes;

export function LogsPanel() {
  const logs = useRun(selectLogs);
  const dropped = useRun(selectDropped);
  const nodes = useEditor(selectNodes);
  const flow = useReactFlow();
  const editor = useEditorStore();
  const [nodeId, setNodeId] = useState('');
  const [minLevel, setMinLevel] = useState<LogLevel>('debug');
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => filterLogs(logs, { nodeId, minLevel }), [logs, nodeId, minLevel]);

  // The virtualizer is read afresh each render (its items depend on the scroll position), which is
  // what this rule warns about; nothing memoized receives it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Follow: scroll to the end once per frame, not once per batch. Setting scrollTop right after a
  // commit forced a layout of the page for every batch (1.6 s of 11 s in bench/ui-events.mjs with
  // five logging nodes); in the frame's callback it shares the layout the frame does anyway. The
  // rows have a fixed height, so the end is known without reading the DOM (the browser clamps it).
  useLayoutEffect(() => {
    if (!follow) return;
    const id = requestAnimationFrame(() => {
      const el = scroller.current;
      if (el) el.scrollTop = lines.length * ROW_HEIGHT;
    });
    return () => cancelAnimationFrame(id);
  }, [follow, lines]);

  // Only the person scrolling up stops following: new lines arriving between our scroll and its
  // event make the view look "not at the bottom" for a moment, but never move it up.
  const lastTop = useRef(0);
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (follow && movedUp) setFollow(false);
    else if (!follow && el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT) setFollow(true);
  };

  return (
    <div className="logs-panel" data-testid="logs-panel">
      <div className="panel-toolbar">
        <select
          value={nodeId}
          onChange={(e) => setNodeId(e.target.value)}
          data-testid="logs-node-filter"
          aria-label="Filter by node"
        >
          <option value="">All nodes</option>
          <option value="-">Run only</option>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
            </option>
          ))}
        </select>
        <select
          value={minLevel}
          onChange={(e) => setMinLevel(e.target.value as LogLevel)}
          data-testid="logs-level-filter"
          aria-label="Minimum level"
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === 'debug' ? 'All levels' : `${l} and above`}
            </option>
          ))}
        </select>
        <label className="follow-toggle">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => setFollow(e.target.checked)}
            data-testid="logs-follow"
          />
          Follow
        </label>
        <span className="spacer" />
        <span className="panel-meta" data-testid="logs-count">
          {formatCount(lines.length)} {lines.length === 1 ? 'line' : 'lines'}
          {dropped > 0 && ` · ${formatCount(dropped)} older dropped (keeps the last ${formatCount(LOG_CAP)})`}
        </span>
      </div>
      <div className="log-scroller" ref={scroller} onScroll={onScroll} data-testid="logs">
        {lines.length === 0 ? (
          <div className="empty-hint panel-empty">
            {logs.length === 0 ? 'No log lines yet. Run the workflow (F5).' : 'No line matches the filter.'}
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const line = lines[row.index]!;
              return (
                <div
                  key={line.seq}
                  className={`log-line level-${line.level}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  data-testid="log-line"
                >
                  <span className="log-time">{formatClock(line.time)}</span>
                  <span className="log-level">{line.level}</span>
                  {line.nodeId !== undefined ? (
                    <button
                      className="log-node"
                      onClick={() => revealNode(editor, flow, line.nodeId!)}
                      title={`Select ${line.nodeId}`}
                    >
                      {line.nodeId}
                    </button>
                  ) : (
                    <span className="log-node run">run</span>
                  )}
                  <span className="log-message">{line.message}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
