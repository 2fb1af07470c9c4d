// Plugs the run UI into the editor's slots: Run/Pause/Stop in the toolbar, Logs and Errors tabs in
// the bottom panel. Idempotent.
import { runToolbarSlot } from '../components/Toolbar.js';
import { extraBottomTabs } from '../components/BottomPanel.js';
import { ErrorsPanel } from './ErrorsPanel.js';
import { LogsPanel } from './LogsPanel.js';
import { RunControls } from './RunControls.js';
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

export function installRunUi(): void {
  runToolbarSlot.render = () => <RunControls />;
  if (!extraBottomTabs.some((t) => t.id === 'logs'))
    extraBottomTabs.push(
      { id: 'logs', title: <LogsTitle />, render: () => <LogsPanel /> },
      { id: 'errors', title: <ErrorsTitle />, render: () => <ErrorsPanel /> },
    );
}
