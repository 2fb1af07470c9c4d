// Restricted mode, said on the canvas: a workflow outside a trusted folder is shown and checked, but
// the host reads none of its files and runs none of its SQL (so table ports show no columns) and will
// not run it, until its user trusts the folder — one click, remembered for that folder.
import { useCallback, useEffect, useState } from 'react';
import type { HostClient, WorkspaceTrustState } from '../../../engine/hostApi/api.js';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';

const selectPath = (s: EditorState) => s.path;

export function TrustBanner({ host, onTrusted }: { host: HostClient; onTrusted: () => void }) {
  const path = useEditor(selectPath);
  const editorStore = useEditorStore();
  const [state, setState] = useState<WorkspaceTrustState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setState(null);
    host
      .call('trust:get', path !== null ? { path } : {})
      .then((s) => current && setState(s))
      .catch(() => current && setState(null));
    return () => {
      current = false;
    };
  }, [host, path]);

  const trust = useCallback(() => {
    setBusy(true);
    host
      .call('trust:grant', path !== null ? { path } : {})
      .then((s) => {
        setState(s);
        onTrusted();
      })
      .catch((err: unknown) =>
        editorStore
          .getState()
          .notify('error', `Cannot trust the folder: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => setBusy(false));
  }, [host, path, onTrusted, editorStore]);

  if (!state || state.trusted) return null;
  return (
    <div className="trust-banner" role="status" data-testid="trust-banner">
      <span>
        <strong>Restricted mode.</strong> This workflow&apos;s folder <code>{state.folder}</code> is not
        trusted: Sluice shows and checks the workflow, but reads none of its files and runs none of its SQL,
        so table columns are not shown, and it will not run. Trust the folder only if you trust where the
        workflow came from.
      </span>
      <button className="button primary" onClick={trust} disabled={busy} data-testid="trust-folder">
        Trust this folder
      </button>
    </div>
  );
}
