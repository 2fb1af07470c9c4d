// The question before unsaved work is replaced (see ../unsaved.ts): Save, Don't save or Cancel.
import { useEditor, useEditorStore, type EditorState } from '../store/index.js';
import { Modal } from './Modal.js';

const selectDialog = (s: EditorState) => s.dialog;

export function UnsavedDialog() {
  const dialog = useEditor(selectDialog);
  const store = useEditorStore();
  if (!dialog || dialog.kind !== 'unsaved') return null;
  const close = () => store.getState().openDialog(null);
  const answer = (then: () => void) => () => {
    close();
    then();
  };
  return (
    <Modal
      role="alertdialog"
      titleId="unsaved-title"
      descriptionId="unsaved-message"
      testId="unsaved-dialog"
      onCancel={close}
    >
      <div className="modal-title" id="unsaved-title">
        Save changes to “{dialog.name}”?
      </div>
      <p id="unsaved-message">Your changes will be lost if you don’t save them.</p>
      <div className="modal-actions">
        <button className="button" onClick={close} data-testid="unsaved-cancel">
          Cancel
        </button>
        <button className="button danger" onClick={answer(dialog.discard)} data-testid="unsaved-discard">
          Don’t save
        </button>
        <button className="button primary" onClick={answer(dialog.save)} autoFocus data-testid="unsaved-save">
          Save
        </button>
      </div>
    </Modal>
  );
}
