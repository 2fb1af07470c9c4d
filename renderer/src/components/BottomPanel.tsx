// The bottom panel: Problems now; the live-run work adds its Logs and Errors tabs here.
import { useState, type ReactNode } from 'react';
import { useEditor, type EditorState } from '../store/index.js';
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
  const [active, setActive] = useState('problems');
  const [open, setOpen] = useState(true);
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
            onClick={() => {
              setActive(t.id);
              setOpen(true);
            }}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
        <span className="spacer" />
        <button
          className="icon-button"
          title={open ? 'Hide panel' : 'Show panel'}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && <div className="tab-body">{current.render()}</div>}
    </section>
  );
}
