// The editor window: toolbar, palette, canvas (or the welcome view), inspector, bottom panel and the
// run's status bar. It owns the run session (run/runSession.ts) and wires the desktop menu to it.
import { useEffect, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { HostClient } from '../../../engine/hostApi/api.js';
import { editorStore, useEditor, type EditorState } from '../store/index.js';
import { installShortcuts } from '../shortcuts.js';
import { useResolvedTheme } from '../theme.js';
import { fitView, runAutoLayout } from '../commands.js';
import { connectDesktop } from '../host/desktop.js';
import { InferenceSync } from '../host/inferenceSync.js';
import { RunSessionContext } from '../run/context.js';
import { installRunUi } from '../run/install.js';
import { panelStore } from '../run/panelStore.js';
import { RunSession } from '../run/runSession.js';
import { installRunShortcuts } from '../run/runShortcuts.js';
import { RunStatusBar } from '../run/RunStatusBar.js';
import { runStore } from '../run/runStore.js';
import { Toolbar } from './Toolbar.js';
import { Palette } from './Palette.js';
import { Canvas } from './Canvas.js';
import { Inspector } from './Inspector.js';
import { BottomPanel } from './BottomPanel.js';
import { Welcome } from './Welcome.js';
import { Notices } from './Notices.js';
import { TrustBanner } from './TrustBanner.js';
import { ConfirmDialog, FileDialog } from './FileDialog.js';

const selectView = (s: EditorState) => s.view;

installRunUi();

const SHORTCUTS =
  'F5 run · Shift+F5 stop · F6 pause/resume · Ctrl+S save · Ctrl+Z undo · Ctrl+Shift+Z redo · F fit view · Delete remove';

export function App({ host }: { host: HostClient }) {
  const view = useEditor(selectView);
  const theme = useResolvedTheme();
  const flow = useReactFlow();
  // One run session per host, for the app's lifetime.
  const [session] = useState(() => new RunSession(host, editorStore, runStore));
  const [inference] = useState(() => new InferenceSync(host, editorStore));

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
          .notify('error', `Cannot list node types: ${err instanceof Error ? err.message : String(err)}`),
      );
  }, [host]);

  useEffect(() => installShortcuts(host, { fitView: () => fitView(flow) }), [host, flow]);

  useEffect(() => session.connect(), [session]);
  useEffect(() => inference.connect(), [inference]);
  useEffect(() => installRunShortcuts(session), [session]);

  useEffect(
    () =>
      connectDesktop(host, editorStore, {
        fitView: () => fitView(flow),
        autoLayout: () => void runAutoLayout(flow),
        run: () => void session.start(),
        stop: () => void session.stop(),
        pauseResume: () => void session.pauseResume(),
        validate: () => {
          const store = editorStore.getState();
          store.runCheck();
          const n = editorStore.getState().problems.length;
          panelStore.getState().show('problems');
          store.notify('info', n ? `${n} problem${n === 1 ? '' : 's'}` : 'No problems');
        },
        toggleBottomPanel: () => panelStore.getState().toggle(),
        showShortcuts: () => editorStore.getState().notify('info', SHORTCUTS),
      }),
    [host, flow, session],
  );

  useEffect(() => {
    // The browser's own prompt when the tab closes with unsaved work (in-app actions use ConfirmDialog).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (editorStore.getState().isDirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return (
    <RunSessionContext.Provider value={session}>
      <div className="app" data-testid="app" data-view={view}>
        <Toolbar host={host} />
        <main className="workspace">
          {view === 'editor' && <Palette />}
          <div className="center">
            {view === 'editor' && <TrustBanner host={host} onTrusted={() => inference.refresh()} />}
            {view === 'editor' ? <Canvas /> : <Welcome host={host} />}
            {view === 'editor' && <BottomPanel />}
          </div>
          {view === 'editor' && <Inspector />}
        </main>
        <Notices />
        <FileDialog host={host} />
        <ConfirmDialog />
        {view === 'editor' && <RunStatusBar />}
      </div>
    </RunSessionContext.Provider>
  );
}
