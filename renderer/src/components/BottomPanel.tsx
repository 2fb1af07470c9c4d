// The bottom panel: Problems, then the tabs the app hands it (the run's Logs and Errors, run/runTabs.tsx).
// The shown tab lives in the panel store (run/panelStore.ts) so the run actions can switch it.
import type { ReactNode } from 'react';
import { useEditor, type EditorState } from '../store/index.js';
import { usePanel, usePanelStore } from '../run/panelStore.js';
import { ProblemsPanel } from './ProblemsPanel.js';

export interface BottomTab {
  id: string;
  title: ReactNode;
  /** The tab's body, rendered only while the tab is shown. */
  content: ReactNode;
}

const selectProblemCount = (s: EditorState) => s.problems.length;

export function BottomPanel({
  tabs: extraTabs = [],
  height,
}: {
  tabs?: readonly BottomTab[];
  /** Its height while open (the splitter above it sets it). */
  height?: number;
}) {
  const count = useEditor(selectProblemCount);
  const panel = usePanelStore();
  const active = usePanel((s) => s.tab);
  const open = usePanel((s) => s.open);
  const maximized = usePanel((s) => s.maximized);
  const tabs: BottomTab[] = [
    {
      id: 'problems',
      title: (
        <>
          Problems <span className={`badge${count > 0 ? ' badge-error' : ''}`}>{count}</span>
        </>
      ),
      content: <ProblemsPanel />,
    },
    ...extraTabs,
  ];
  const current = tabs.find((t) => t.id === active) ?? tabs[0]!;
  return (
    <section
      className={`bottom-panel${open ? '' : ' collapsed'}${open && maximized ? ' maximized' : ''}`}
      data-testid="bottom-panel"
      style={open && !maximized && height !== undefined ? { height } : undefined}
    >
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={t.id === current.id}
            className={`tab${t.id === current.id ? ' active' : ''}`}
            onClick={() => panel.getState().show(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
        <span className="spacer" />
        <button
          className="icon-button"
          title={maximized ? 'Restore the panel' : 'Maximize the panel'}
          aria-pressed={maximized}
          onClick={() => panel.getState().toggleMaximized()}
          data-testid="bottom-panel-maximize"
        >
          {maximized ? '⤡' : '⤢'}
        </button>
        <button
          className="icon-button"
          title={open ? 'Hide panel' : 'Show panel'}
          onClick={() => panel.getState().toggle()}
          data-testid="bottom-panel-toggle"
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && <div className="tab-body">{current.content}</div>}
    </section>
  );
}
