// File commands: the I/O around the pure file slice. Each reads or writes through the host API and
// reports failures as notices that name the file.

import type { HostClient } from '../../engine/hostApi/api.js';
import { WORKFLOW_EXTENSION } from '../../engine/model/workflow.js';
import type { EditorStore } from './store/index.js';

const isExamplePath = (p: string) => p.startsWith('example:');
/** What New calls a document. */
const DEFAULT_WORKFLOW_NAME = 'Untitled';

function stemOf(path: string): string {
  const base = path.split('/').at(-1) ?? path;
  return base.replace(WORKFLOW_EXTENSION, '').replace(/\.json$/, '') || base;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function openWorkflow(host: HostClient, editor: EditorStore, path: string): Promise<boolean> {
  const store = editor.getState();
  try {
    const file = await host.call('workflow:open', { path });
    const result = store.loadDocument(file.path, file.text);
    if (!result.ok) {
      const first = result.problems[0];
      store.notify('error', `Cannot open ${path}: ${first ? first.message : 'not a workflow file'}`, 'file');
      return false;
    }
    return true;
  } catch (err) {
    store.notify('error', `Cannot open ${path}: ${errorText(err)}`, 'file');
    return false;
  }
}

/** Saves to the current path, or asks for one (save as) when the document was never saved. */
export async function saveWorkflow(host: HostClient, editor: EditorStore, path?: string): Promise<boolean> {
  const store = editor.getState();
  const target = path ?? store.path;
  // An example is read-only: saving it means saving a copy into the workspace.
  if (!target || isExamplePath(target)) {
    store.openDialog({ kind: 'saveAs' });
    return false;
  }
  const normalized = target.endsWith(WORKFLOW_EXTENSION)
    ? target
    : `${target.replace(/\.json$/, '')}${WORKFLOW_EXTENSION}`;
  // Save As gives a never-named document the file's name ("squares.sluice.json" → "squares").
  if (path !== undefined && store.doc.name === DEFAULT_WORKFLOW_NAME)
    store.renameWorkflow(stemOf(normalized));
  try {
    const saved = await host.call('workflow:save', { path: normalized, text: editor.getState().serialize() });
    store.markSaved(saved.path);
    store.notify('info', `Saved ${saved.path}`);
    return true;
  } catch (err) {
    store.notify('error', `Cannot save ${normalized}: ${errorText(err)}`, 'file');
    return false;
  }
}

/** Inserts another workflow file of the workspace into this one, clear of its nodes; ids are renamed. */
export async function importWorkflow(host: HostClient, editor: EditorStore, path: string): Promise<void> {
  const store = editor.getState();
  try {
    const file = await host.call('workflow:open', { path });
    const result = store.pasteText(file.text, undefined, 'Insert', path);
    if (!result.ok) store.notify('error', result.message, 'file');
    else
      store.notify(
        'info',
        `Inserted ${result.value.nodes.length} node${result.value.nodes.length === 1 ? '' : 's'} from ${path}`,
      );
  } catch (err) {
    store.notify('error', `Cannot import ${path}: ${errorText(err)}`, 'file');
  }
}

/** Downloads the workflow as a file (the browser's own save). */
export function exportWorkflow(editor: EditorStore): void {
  const store = editor.getState();
  const blob = new Blob([store.serialize()], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  const base =
    store.path?.split('/').at(-1) ??
    `${store.doc.name.replace(/[^\w.-]+/g, '-') || 'workflow'}${WORKFLOW_EXTENSION}`;
  a.download = base;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Opens a workflow file from the person's computer (a browser file picker's File) as a new document.
 * It has no path in the workspace: Save asks where to put it.
 */
export async function importFileAsDocument(
  editor: EditorStore,
  file: Pick<File, 'name' | 'text'>,
): Promise<boolean> {
  const store = editor.getState();
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    store.notify('error', `Cannot import ${file.name}: ${errorText(err)}`, 'file');
    return false;
  }
  const result = store.loadDocument(null, text);
  if (!result.ok) {
    const first = result.problems[0];
    store.notify(
      'error',
      `Cannot import ${file.name}: not a Sluice workflow file: ${first ? first.message : 'it is not a workflow'}`,
      'file',
    );
    return false;
  }
  store.notify('info', `Imported ${file.name} as a new document`);
  return true;
}
