// Run, Pause/Resume and Stop on the toolbar (F5, F6, Shift+F5); Abort in Stop's place while it drains.
import { useEditor, type EditorState } from '../store/index.js';
import { useRunSession } from './context.js';
import { isTerminal } from './runState.js';
import { useRun, type RunSlice } from './runStore.js';

const selectStatus = (s: RunSlice) => s.run?.status ?? null;
const selectBusy = (s: RunSlice) => s.busy;
const selectView = (s: EditorState) => s.view;

export function RunControls() {
  const session = useRunSession();
  const status = useRun(selectStatus);
  const busy = useRun(selectBusy);
  const view = useEditor(selectView);
  const active = status !== null && !isTerminal(status);
  const paused = status === 'paused';
  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <button
        className="button primary run-button"
        onClick={() => void session.start()}
        disabled={view !== 'editor' || active || busy !== null}
        title="Run the workflow (F5)"
        data-testid="run-start"
      >
        <span className="run-icon" aria-hidden>
          ▶
        </span>
        {busy === 'start' ? 'Starting…' : 'Run'}
      </button>
      <button
        className="button run-pause"
        onClick={() => void session.pauseResume()}
        disabled={!active || busy !== null}
        title={paused ? 'Resume (F6)' : 'Pause (F6)'}
        data-testid="run-pause"
      >
        <span className="run-icon" aria-hidden>
          {paused ? '▶' : '❚❚'}
        </span>
        {paused ? 'Resume' : 'Pause'}
      </button>
      {busy === 'stop' || busy === 'abort' ? (
        // While Stop drains, its place offers Abort: a second press kills at once (runSession.ts says
        // why). The second click of a double-click on Stop is not one.
        <button
          className="button danger run-abort"
          onClick={(e) => {
            if (e.detail <= 1) void session.abort();
          }}
          disabled={busy === 'abort'}
          title="Stopping: in-flight items are finishing. Abort kills every node now (Shift+F5)"
          data-testid="run-abort"
        >
          <span className="run-icon stop-square" aria-hidden />
          {busy === 'abort' ? 'Aborting…' : 'Abort'}
        </button>
      ) : (
        <button
          className="button run-stop"
          onClick={() => void session.stop()}
          disabled={!active}
          title="Stop (Shift+F5): in-flight items finish, then the run ends; press again to abort"
          data-testid="run-stop"
        >
          <span className="run-icon stop-square" aria-hidden />
          Stop
        </button>
      )}
    </div>
  );
}
