// Short messages (saved, cannot paste, refused connection): errors stay until dismissed.
import { useEffect } from 'react';
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';

const selectNotices = (s: EditorState) => s.notices;

export function Notices() {
  const notices = useEditor(selectNotices);
  const editorStore = useEditorStore();
  useEffect(() => {
    const infos = notices.filter((n) => n.kind === 'info');
    if (infos.length === 0) return;
    const t = setTimeout(() => infos.forEach((n) => editorStore.getState().dismissNotice(n.id)), 3000);
    return () => clearTimeout(t);
  }, [notices, editorStore]);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={`notice-${n.kind}`}
        >
          <span>{n.text}</span>
          <button
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => editorStore.getState().dismissNotice(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
