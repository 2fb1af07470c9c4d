// The welcome view: start a new workflow, open one, or start from an example.
import { useEffect, useState } from 'react';
import type { HostClient, HostResult } from '../../../engine/hostApi/api.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { openWorkflow } from '../files.js';
import { Markdown } from './Markdown.js';
import { openNative } from '../host/desktop.js';
import { replaceDocument } from '../unsaved.js';

const selectRecent = (s: EditorState) => s.recent;
/** A document was created or opened in this window: the welcome view can go back to it. */
const selectOpenDoc = (s: EditorState) => (s.docEpoch > 0 ? s.doc.name : null);
const selectDirty = (s: EditorState) => s.isDirty();

export function Welcome({ host }: { host: HostClient }) {
  const recent = useEditor(selectRecent);
  const editorStore = useEditorStore();
  const openDoc = useEditor(selectOpenDoc);
  const dirty = useEditor(selectDirty);
  const replace = (action: () => void) => replaceDocument(host, editorStore, action);
  const [examples, setExamples] = useState<HostResult<'workflow:examples'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    host
      .call('workflow:examples', {})
      .then(setExamples)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [host]);
  return (
    <div className="welcome" data-testid="welcome">
      <div className="welcome-inner">
        <h1>
          <span className="logo-mark" aria-hidden>
            ◆
          </span>{' '}
          Sluice
        </h1>
        <p className="welcome-lead">
          Design data flows on a canvas. Every node runs in its own process and streams along typed channels.
        </p>
        <div className="welcome-actions">
          <button
            className="button primary"
            onClick={() => replace(() => editorStore.getState().newDocument())}
            data-testid="welcome-new"
          >
            New workflow
          </button>
          <button
            className="button"
            onClick={() => {
              const desktop = host.desktop;
              if (desktop) replace(() => void openNative(desktop, editorStore));
              else editorStore.getState().openDialog({ kind: 'open' });
            }}
            data-testid="welcome-open"
          >
            Open…
          </button>
          {openDoc !== null && (
            <button
              className="button"
              onClick={() => editorStore.getState().setView('editor')}
              data-testid="welcome-back"
            >
              Back to “{openDoc}”{dirty ? ' (unsaved)' : ''}
            </button>
          )}
        </div>
        <div className="welcome-columns">
          <section>
            <h2>Examples</h2>
            {error && <div className="field-error">{error}</div>}
            {!examples && !error && <div className="empty-hint">Loading…</div>}
            {examples?.length === 0 && <div className="empty-hint">No examples.</div>}
            <ul className="card-list">
              {examples?.map((ex) => (
                <li key={ex.path}>
                  <button
                    className="card"
                    onClick={() => replace(() => void openWorkflow(host, editorStore, ex.path))}
                    data-testid={`example-${ex.name}`}
                  >
                    <span className="card-title">{ex.name}</span>
                    <Markdown text={ex.description} inline className="card-desc" />
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>Recent</h2>
            {recent.length === 0 && <div className="empty-hint">Nothing yet.</div>}
            <ul className="card-list">
              {recent.map((p) => (
                <li key={p}>
                  <button
                    className="card compact"
                    onClick={() => replace(() => void openWorkflow(host, editorStore, p))}
                  >
                    <span className="card-title mono">{p}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
