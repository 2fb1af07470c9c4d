// The bottom panel: Problems, and the run's Logs and Errors tabs (registered by run/install.tsx).
// The shown tab lives in run/panelStore.ts so the run actions can switch it.
import type { ReactNode } from 'react';
import { useEditor, type EditorState } from '../store/index.js';
import { panelStore, usePanel } from '../run/panelStore.js';
import { ProblemsPanel } from './ProblemsPanel.js';

export interface BottomTab {
  id: string;
  title: ReactNode;
  render(): ReactNode;
}

const selectProblemCount = (s: EditorState) => s.problems.length;

/** Tabs the live-run work (issue 4) registers: logs, errors. */
export const extraBottomTabs: BottomTab[] = [];

export function BottomPanel() {
  const count = useEditor(selectProblemCount);
  const active = usePanel((s) => s.tab);
  const open = usePanel((s) => s.open);
  const tabs: BottomTab[] = [
    {
      id: 'problems',
      title: (
        <>
          Problems <span className={`badge${count > 0 ? ' badge-error' : ''}`}>{count}</span>
        </>
      ),
      render: () => <ProblemsPanel />,
    },
    ...extraBottomTabs,
  ];
  const current = tabs.find((t) => t.id === active) ?? tabs[0]!;
  return (
    <section className={`bottom-panel${open ? '' : ' collapsed'}`} data-testid="bottom-panel">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={t.id === current.id}
            className={`tab${t.id === current.id ? ' active' : ''}`}
            onClick={() => panelStore.getState().show(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
        <span className="spacer" />
        <button
          className="icon-button"
          title={open ? 'Hide panel' : 'Show panel'}
          onClick={() => panelStore.getState().toggle()}
          data-testid="bottom-panel-toggle"
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && <div className="tab-body">{current.render()}</div>}
    </section>
  );
}
