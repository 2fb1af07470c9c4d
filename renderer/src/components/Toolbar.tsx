// The top bar: File menu, workflow name with the dirty marker, edit and view commands, the run
// controls the app hands it (`run`) and the theme toggle.

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { HostClient } from '../../../engine/hostApi/api.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { exportWorkflow, importFileAsDocument, openWorkflow, saveWorkflow } from '../files.js';
import { replaceDocument } from '../unsaved.js';
import { fitView, runAutoLayout } from '../commands.js';
import { openNative, saveAsNative, saveNative } from '../host/desktop.js';
import { toggleTheme, useResolvedTheme } from '../theme.js';

const selectName = (s: EditorState) => s.doc.name;
const selectPath = (s: EditorState) => s.path;
const selectDirty = (s: EditorState) => s.currentStepId() !== s.savedStepId;
const selectCanUndo = (s: EditorState) => s.undoStack.at(-1)?.label ?? null;
const selectCanRedo = (s: EditorState) => s.redoStack.at(-1)?.label ?? null;
const selectRecent = (s: EditorState) => s.recent;
const selectView = (s: EditorState) => s.view;

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function Menu({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button
        className={`toolbar-button${open ? ' active' : ''}`}
        onClick={() => setOpen(!open)}
        data-testid={testId}
        aria-haspopup="menu"
        aria-expanded={open}
      >
        {label}
      </button>
      {open && (
        <div className="menu-list" role="menu" onClick={() => setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  );
}

function MenuItem({
  label,
  shortcut,
  onClick,
  testId,
  disabled,
}: {
  label: string;
  shortcut?: string;
  onClick(): void;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <button className="menu-item" role="menuitem" onClick={onClick} data-testid={testId} disabled={disabled}>
      <span>{label}</span>
      {shortcut && <span className="shortcut">{shortcut}</span>}
    </button>
  );
}

export function Toolbar({ host, run }: { host: HostClient; run?: ReactNode }) {
  const name = useEditor(selectName);
  const path = useEditor(selectPath);
  const dirty = useEditor(selectDirty);
  const undoLabel = useEditor(selectCanUndo);
  const redoLabel = useEditor(selectCanRedo);
  const recent = useEditor(selectRecent);
  const view = useEditor(selectView);
  const theme = useResolvedTheme();
  const flow = useReactFlow();
  const editorStore = useEditorStore();
  const store = editorStore.getState;

  const desktop = host.desktop;
  const fileInput = useRef<HTMLInputElement>(null);
  const onFilePicked = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file can be picked again
    if (file) replaceDocument(host, editorStore, () => void importFileAsDocument(editorStore, file));
  };

  return (
    <header className="toolbar" data-testid="toolbar">
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={onFilePicked}
        data-testid="import-file-input"
      />
      <div className="brand" title="Sluice">
        <span className="logo-mark">◆</span>
      </div>
      <Menu label="File" testId="menu-file">
        <MenuItem
          label="New"
          onClick={() => replaceDocument(host, editorStore, () => store().newDocument())}
          testId="file-new"
        />
        <MenuItem
          label="Open…"
          shortcut={`${MOD}O`}
          onClick={() =>
            desktop
              ? replaceDocument(host, editorStore, () => void openNative(desktop, editorStore))
              : store().openDialog({ kind: 'open' })
          }
          testId="file-open"
        />
        <MenuItem
          label="Save"
          shortcut={`${MOD}S`}
          onClick={() =>
            void (desktop ? saveNative(host, desktop, editorStore) : saveWorkflow(host, editorStore))
          }
          testId="file-save"
        />
        <MenuItem
          label="Save as…"
          shortcut={`${MOD}⇧S`}
          onClick={() =>
            desktop ? void saveAsNative(desktop, editorStore) : store().openDialog({ kind: 'saveAs' })
          }
          testId="file-save-as"
        />
        <div className="menu-sep" />
        <MenuItem
          label="Import from computer…"
          onClick={() =>
            desktop
              ? replaceDocument(host, editorStore, () => void openNative(desktop, editorStore))
              : fileInput.current?.click()
          }
          testId="file-import"
        />
        <MenuItem
          label="Insert from workspace…"
          onClick={() => store().openDialog({ kind: 'import' })}
          testId="file-insert"
          disabled={view !== 'editor'}
        />
        <MenuItem
          label="Export (download)"
          onClick={() => exportWorkflow(editorStore)}
          testId="file-export"
          disabled={view !== 'editor'}
        />
        {recent.length > 0 && <div className="menu-sep" />}
        {recent.map((p) => (
          <MenuItem
            key={p}
            label={p}
            onClick={() => replaceDocument(host, editorStore, () => void openWorkflow(host, editorStore, p))}
          />
        ))}
        <div className="menu-sep" />
        <MenuItem label="Welcome" onClick={() => store().setView('welcome')} testId="file-welcome" />
      </Menu>
      <div className="doc-title" data-testid="doc-title" title={path ?? 'Not saved yet'}>
        <span className="doc-name">{name}</span>
        {dirty && (
          <span className="dirty-dot" data-testid="dirty-marker" title="Unsaved changes">
            ●
          </span>
        )}
        <span className="doc-path mono">{path ?? 'unsaved'}</span>
      </div>
      <div className="toolbar-group">
        <button
          className="toolbar-button icon"
          title={undoLabel ? `Undo ${undoLabel} (${MOD}Z)` : 'Nothing to undo'}
          disabled={!undoLabel}
          onClick={() => store().undo()}
          data-testid="undo"
        >
          ↶
        </button>
        <button
          className="toolbar-button icon"
          title={redoLabel ? `Redo ${redoLabel} (${MOD}⇧Z)` : 'Nothing to redo'}
          disabled={!redoLabel}
          onClick={() => store().redo()}
          data-testid="redo"
        >
          ↷
        </button>
        <span className="toolbar-sep" />
        <button
          className="toolbar-button"
          onClick={() => void runAutoLayout(editorStore, flow)}
          disabled={view !== 'editor'}
          data-testid="auto-layout"
          title="Arrange nodes left to right"
        >
          Auto-layout
        </button>
        <button
          className="toolbar-button"
          onClick={() => fitView(flow)}
          disabled={view !== 'editor'}
          title="Fit view (F)"
          data-testid="fit-view"
        >
          Fit
        </button>
        <button
          className="toolbar-button"
          disabled={view !== 'editor'}
          onClick={() => {
            const el = document.querySelector('.canvas')?.getBoundingClientRect();
            const p = flow.screenToFlowPosition(el ? { x: el.left + 60, y: el.top + 60 } : { x: 80, y: 80 });
            store().addNote(p);
          }}
          data-testid="add-note"
          title="Add a sticky note"
        >
          Note
        </button>
      </div>
      <span className="spacer" />
      <div className="run-toolbar" data-testid="run-toolbar">
        {run}
      </div>
      <button
        className="toolbar-button icon"
        onClick={() => toggleTheme(editorStore, theme)}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
