// The editor window: toolbar, palette, canvas (or the welcome view), inspector, bottom panel and the
// run's status bar. It owns the run session (run/runSession.ts) and wires the desktop menu to it.
import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { HostClient } from '../../../engine/hostApi/api.js';
import { useEditor, type EditorState } from '../store/index.js';
import { useStores } from '../store/context.js';
import { installShortcuts } from '../shortcuts.js';
import { useResolvedTheme } from '../theme.js';
import { fitView, runAutoLayout } from '../commands.js';
import { connectDesktop } from '../host/desktop.js';
import { InferenceSync } from '../host/inferenceSync.js';
import { RunSessionContext } from '../run/context.js';
import { RUN_TABS } from '../run/runTabs.js';
import { RunsPanel } from '../history/RunsPanel.js';
import { RunControls } from '../run/RunControls.js';
import { usePanel } from '../run/panelStore.js';
import { RunSession } from '../run/runSession.js';
import { installRunShortcuts } from '../run/runShortcuts.js';
import { RunStatusBar } from '../run/RunStatusBar.js';
import { Toolbar } from './Toolbar.js';
import { Palette } from './Palette.js';
import { Canvas } from '../canvas/Canvas.js';
import { Inspector } from './Inspector.js';
import { BottomPanel } from './BottomPanel.js';
import { Welcome } from './Welcome.js';
import { Splitter } from '../layout/Splitter.js';
import { usePanelSizes } from '../layout/usePanelSizes.js';
import { Notices } from './Notices.js';
import { FileDialog } from './FileDialog.js';
import { UnsavedDialog } from './UnsavedDialog.js';
import { replaceDocument } from '../unsaved.js';
import { TrustBanner } from './TrustBanner.js';

const selectView = (s: EditorState) => s.view;

const SHORTCUTS =
  'F5 run · Shift+F5 stop · F6 pause/resume · Ctrl+S save · Ctrl+Z undo · Ctrl+Shift+Z redo · F fit view · Delete remove';

export function App({ host }: { host: HostClient }) {
  const view = useEditor(selectView);
  const theme = useResolvedTheme();
  const flow = useReactFlow();
  const { editor: editorStore, runs, panel } = useStores();
  // One run session per host, for the app's lifetime.
  const [session] = useState(() => new RunSession(host, editorStore, runs, panel));
  const [inference] = useState(() => new InferenceSync(host, editorStore));
  const [sizes, setSize] = usePanelSizes();
  const bottomOpen = usePanel((s) => s.open);
  const tabs = useMemo(
    () => [...RUN_TABS, { id: 'runs', title: 'Runs', content: <RunsPanel host={host} /> }],
    [host],
  );

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    host
      .call('nodes:list', {})
      .then((types) => editorStore.getState().setNodeTypes(types))
      .catch((err: unknown) =>
        editorStore
          .getState()
          .notify(
            'error',
            `Cannot list node types: ${err instanceof Error ? err.message : String(err)}`,
            'host',
          ),
      );
  }, [host, editorStore]);

  useEffect(
    () => installShortcuts(host, editorStore, { fitView: () => fitView(flow) }),
    [host, editorStore, flow],
  );

  useEffect(() => session.connect(), [session]);
  useEffect(() => inference.connect(), [inference]);
  useEffect(() => installRunShortcuts(session), [session]);

  useEffect(
    () =>
      connectDesktop(host, editorStore, {
        fitView: () => fitView(flow),
        autoLayout: () => void runAutoLayout(editorStore, flow),
        run: () => void session.start(),
        stop: () => void session.stop(),
        abort: () => void session.abort(),
        pauseResume: () => void session.pauseResume(),
        validate: () => {
          const store = editorStore.getState();
          store.runCheck();
          const n = editorStore.getState().problems.length;
          panel.getState().show('problems');
          store.notify('info', n ? `${n} problem${n === 1 ? '' : 's'}` : 'No problems');
        },
        toggleBottomPanel: () => panel.getState().toggle(),
        showShortcuts: () => editorStore.getState().notify('info', SHORTCUTS),
        replaceDocument: (replace) => replaceDocument(host, editorStore, replace),
      }),
    [host, flow, session, editorStore, panel],
  );

  useEffect(() => {
    // The browser's own prompt when the tab closes with unsaved work (in-app actions ask with UnsavedDialog).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (editorStore.getState().isDirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editorStore]);

  return (
    <RunSessionContext.Provider value={session}>
      <div className="app" data-testid="app" data-view={view}>
        <Toolbar host={host} run={<RunControls />} />
        <main className="workspace">
          {view === 'editor' && (
            <>
              <Palette width={sizes.palette} />
              <Splitter
                panel="palette"
                label="Resize the node palette"
                size={sizes.palette}
                panelSide="left"
                onResize={(px) => setSize('palette', px)}
              />
            </>
          )}
          <div className="center">
            {view === 'editor' && <TrustBanner host={host} onTrusted={() => inference.refresh()} />}
            {view === 'editor' ? <Canvas /> : <Welcome host={host} />}
            {view === 'editor' && bottomOpen && (
              <Splitter
                panel="bottom"
                label="Resize the bottom panel"
                size={sizes.bottom}
                panelSide="below"
                onResize={(px) => setSize('bottom', px)}
              />
            )}
            {view === 'editor' && <BottomPanel tabs={tabs} height={sizes.bottom} />}
          </div>
          {view === 'editor' && (
            <>
              <Splitter
                panel="inspector"
                label="Resize the inspector"
                size={sizes.inspector}
                panelSide="right"
                onResize={(px) => setSize('inspector', px)}
              />
              <Inspector width={sizes.inspector} />
            </>
          )}
        </main>
        <Notices />
        <FileDialog host={host} />
        <UnsavedDialog />
        {view === 'editor' && <RunStatusBar />}
      </div>
    </RunSessionContext.Provider>
  );
}
