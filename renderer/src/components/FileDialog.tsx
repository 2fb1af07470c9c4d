// The workspace file browser (`workflow:list`): Open, Import and Save as in `sluice serve`, where
// the browser has no native dialog into the workspace folder.

import { useEffect, useState } from 'react';
import type { FileEntry, HostClient } from '../../../engine/hostApi/api.js';
import { WORKFLOW_EXTENSION } from '../../../engine/model/workflow.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { importWorkflow, openWorkflow, saveWorkflow } from '../files.js';
import { replaceDocument } from '../unsaved.js';
import { Modal } from './Modal.js';

const selectDialog = (s: EditorState) => s.dialog;

const TITLES = {
  open: 'Open workflow',
  import: 'Insert a workflow from the workspace',
  saveAs: 'Save workflow as',
} as const;

function parentOf(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i <= 0 ? '' : dir.slice(0, i);
}

export function FileDialog({ host }: { host: HostClient }) {
  const dialog = useEditor(selectDialog);
  const editorStore = useEditorStore();
  const kind = dialog && dialog.kind !== 'unsaved' ? dialog.kind : null;
  const afterSave = dialog?.kind === 'saveAs' ? dialog.then : undefined;
  const [dir, setDir] = useState('');
  const [entries, setEntries] = useState<FileEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    if (!kind) return;
    let live = true;
    setEntries(null);
    setError(null);
    host
      .call('workflow:list', dir ? { dir } : {})
      .then((list) => live && setEntries(list))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [host, kind, dir]);

  useEffect(() => {
    if (kind === 'saveAs') {
      const store = editorStore.getState();
      setName(
        store.path?.split('/').at(-1) ??
          `${store.doc.name.replace(/[^\w.-]+/g, '-').toLowerCase()}${WORKFLOW_EXTENSION}`,
      );
    }
  }, [kind, editorStore]);

  if (!kind) return null;
  const close = () => editorStore.getState().openDialog(null);
  const choose = (path: string) => {
    close();
    if (kind === 'open') replaceDocument(host, editorStore, () => void openWorkflow(host, editorStore, path));
    else if (kind === 'import') void importWorkflow(host, editorStore, path);
    else void saveWorkflow(host, editorStore, path).then((saved) => saved && afterSave?.());
  };
  const saveTarget = () => (dir ? `${dir}/${name}` : name);

  return (
    <Modal titleId="file-dialog-title" className="file-dialog" testId="file-dialog" onCancel={close}>
      <div className="modal-title" id="file-dialog-title">
        {TITLES[kind]}
      </div>
      <div className="file-dir mono">
        <button
          className="link-button"
          disabled={dir === ''}
          onClick={() => setDir(parentOf(dir))}
          title="Up one folder"
        >
          ↑
        </button>
        workspace/{dir}
      </div>
      <ul className="file-list" data-testid="file-list">
        {error && <li className="field-error">{error}</li>}
        {!entries && !error && <li className="empty-hint">Loading…</li>}
        {entries?.length === 0 && <li className="empty-hint">No workflows here.</li>}
        {entries?.map((e) => (
          <li key={e.path}>
            <button
              className={`file-entry ${e.kind}`}
              onClick={() =>
                e.kind === 'directory' ? setDir(e.path) : kind === 'saveAs' ? setName(e.name) : choose(e.path)
              }
              data-testid={`file-entry-${e.name}`}
            >
              <span className="file-icon">{e.kind === 'directory' ? '📁' : '◇'}</span>
              {e.name}
            </button>
          </li>
        ))}
      </ul>
      {kind === 'saveAs' && (
        <input
          className="field-input"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && choose(saveTarget())}
          aria-label="File name"
          data-testid="save-as-name"
        />
      )}
      <div className="modal-actions">
        <button className="button" onClick={close}>
          Cancel
        </button>
        {kind === 'saveAs' && (
          <button
            className="button primary"
            disabled={!name.trim()}
            onClick={() => choose(saveTarget())}
            data-testid="save-as-confirm"
          >
            Save
          </button>
        )}
      </div>
    </Modal>
  );
}
