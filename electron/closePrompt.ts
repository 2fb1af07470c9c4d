// The question asked before a window with unsaved work closes, and what each answer means.

export type CloseAnswer = 'save' | 'discard' | 'cancel';

const BUTTONS: Array<{ label: string; answer: CloseAnswer }> = [
  { label: 'Save', answer: 'save' },
  { label: "Don't Save", answer: 'discard' },
  { label: 'Cancel', answer: 'cancel' },
];

export function unsavedChangesPrompt(documentName: string) {
  return {
    type: 'warning' as const,
    message: `Do you want to save the changes you made to ${documentName}?`,
    detail: "Your changes will be lost if you don't save them.",
    buttons: BUTTONS.map((b) => b.label),
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

export function closeAnswer(response: number): CloseAnswer {
  return BUTTONS[response]?.answer ?? 'cancel';
}
