// A sticky note: free text on the canvas, not executed. Typing is one undo step per note until blur.

import { memo, useCallback } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NoteFlowNode } from './derive.js';
import { useEditorStore } from '../store/index.js';

export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const editorStore = useEditorStore();
  const onChange = useCallback(
    (e: React.ChangeEvent<HTMLTextAreaElement>) =>
      editorStore.getState().setNoteText(note.id, e.target.value),
    [note.id, editorStore],
  );
  const onBlur = useCallback(() => editorStore.getState().endGroup(), [editorStore]);
  return (
    <div className={`note-node${selected ? ' selected' : ''}`} data-testid={`note-${note.id}`}>
      <div className="note-grip" title="Drag to move" />
      <textarea
        className="note-text nodrag nowheel"
        value={note.text}
        placeholder="Write a note…"
        onChange={onChange}
        onBlur={onBlur}
        aria-label="Note text"
      />
    </div>
  );
});
