// True while focus is in a text field (./textFields.ts). The canvas drops its key bindings then:
// React Flow's pan key is Space, and it would swallow every space typed into Monaco (whose input is
// not an <input>) and Shift+Space in any field.
import { useSyncExternalStore } from 'react';
import { textFieldHasFocus } from './textFields.js';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('focusin', onChange);
  document.addEventListener('focusout', onChange);
  return () => {
    document.removeEventListener('focusin', onChange);
    document.removeEventListener('focusout', onChange);
  };
}

export function useTextFieldFocus(): boolean {
  return useSyncExternalStore(subscribe, textFieldHasFocus, () => false);
}
