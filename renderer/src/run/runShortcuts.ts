// F5 runs, Shift+F5 stops (again: aborts), F6 pauses or resumes: the Run menu's keys, in the browser as in the app
// (in the app the native menu takes them first and sends its command instead).
import type { RunSession } from './runSession.js';

export function installRunShortcuts(session: RunSession): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'F5') {
      // F5 would reload the page and lose the unsaved graph.
      e.preventDefault();
      // Shift+F5 again while Stop drains aborts; a held key's repeats are not presses.
      if (!e.repeat) void (e.shiftKey ? session.stop() : session.start());
    } else if (e.key === 'F6' && !e.shiftKey) {
      e.preventDefault();
      void session.pauseResume();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
