// The run's tabs in the bottom panel (Logs, Errors), which App hands to <BottomPanel tabs>.
import type { BottomTab } from '../components/BottomPanel.js';
import { DataView } from './DataView.js';
import { ErrorsPanel } from './ErrorsPanel.js';
import { LogsPanel } from './LogsPanel.js';
import { useRun, type RunSlice } from './runStore.js';
import { formatCount } from './runState.js';

const selectErrorCount = (s: RunSlice) => s.run?.errors.length ?? 0;
const selectLogCount = (s: RunSlice) => (s.run?.logs.length ?? 0) + (s.run?.droppedLogs ?? 0);

function ErrorsTitle() {
  const n = useRun(selectErrorCount);
  return (
    <>
      Errors <span className={`badge${n > 0 ? ' badge-error' : ''}`}>{n}</span>
    </>
  );
}

function LogsTitle() {
  const n = useRun(selectLogCount);
  return <>Logs{n > 0 && <span className="badge">{formatCount(n)}</span>}</>;
}

export const RUN_TABS: readonly BottomTab[] = [
  { id: 'logs', title: <LogsTitle />, content: <LogsPanel /> },
  { id: 'errors', title: <ErrorsTitle />, content: <ErrorsPanel /> },
  { id: 'data', title: 'Data', content: <DataView /> },
];
