// The editor window: toolbar, palette, canvas (or the welcome view), inspector, bottom panel.
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { HostClient } from '../../../engine/host/api.js';
import { editorStore, useEditor, type EditorState } from '../store/index.js';
import { installShortcuts } from '../shortcuts.js';
import { useResolvedTheme } from '../theme.js';
import { fitView, runAutoLayout } from '../commands.js';
import { desktopOf, installDesktop } from '../desktop.js';
import { Toolbar } from './Toolbar.js';
import { Palette } from './Palette.js';
import { Canvas } from './Canvas.js';
import { Inspector } from './Inspector.js';
import { BottomPanel } from './BottomPanel.js';
import { Welcome } from './Welcome.js';
import { Notices } from './Notices.js';
import { ConfirmDialog, FileDialog } from './FileDialog.js';

const selectView = (s: EditorState) => s.view;

export function App({ host }: { host: HostClient }) {
  const view = useEditor(selectView);
  const theme = useResolvedTheme();
  const flow = useReactFlow();

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

  useEffect(() => {
    const desktop = desktopOf(host);
    if (!desktop) return;
    return installDesktop(host, desktop, {
      fitView: () => fitView(flow),
      autoLayout: () => void runAutoLayout(flow),
    });
  }, [host, flow]);

  useEffect(() => {
    // The browser's own prompt when the tab closes with unsaved work (in-app actions use ConfirmDialog).
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (editorStore.getState().isDirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return (
    <div className="app" data-testid="app" data-view={view}>
      <Toolbar host={host} />
      <main className="workspace">
        {view === 'editor' && <Palette />}
        <div className="center">
          {view === 'editor' ? <Canvas /> : <Welcome host={host} />}
          {view === 'editor' && <BottomPanel />}
        </div>
        {view === 'editor' && <Inspector />}
      </main>
      <Notices />
      <FileDialog host={host} />
      <ConfirmDialog />
    </div>
  );
}
