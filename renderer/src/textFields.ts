// What counts as a text field: where every key a person types belongs to the field, never to the
// canvas or a shortcut. Monaco takes keys in an element inside `.monaco-editor` (an EditContext
// <div> in current Chromium, not an <input>), so a tag check alone misses it.

export function isTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.monaco-editor') !== null
  );
}

export function textFieldHasFocus(): boolean {
  return typeof document !== 'undefined' && isTextField(document.activeElement);
}
