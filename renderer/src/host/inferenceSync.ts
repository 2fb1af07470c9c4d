// Keeps the editor's check supplied with the output types the host works out before the run
// (`workflow:infer`: a CSV's sniffed columns, a SQL query's DESCRIBE), so table ports show their
// columns and the check uses them, as the host's own check at Run does. Asked shortly after the
// document settles, only when it has a node whose type infers; an answer to an older document is
// dropped, and the check slice ignores entries for nodes changed since (store/checkSlice.ts).

import type { HostClient } from '../../../engine/host/api.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import type { EditorState, EditorStore } from '../store/index.js';
import { inferenceKey, NO_INFERENCE } from '../store/checkSlice.js';

/** After the last edit; a CSV sniff or a DESCRIBE costs tens of milliseconds on the host. */
export const INFER_DELAY_MS = 400;

function infersAny(state: EditorState): boolean {
  return state.doc.nodes.some((n) => state.typesById.get(n.type)?.infersOutputs === true);
}

export class InferenceSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per request; an answer that is not the latest is dropped. */
  private asked = 0;

  constructor(
    private readonly host: HostClient,
    private readonly editor: EditorStore,
    private readonly delayMs = INFER_DELAY_MS,
  ) {}

  /** Starts following the document. Returns the undo. */
  connect(): () => void {
    const off = this.editor.subscribe((state, prev) => {
      if (state.path !== prev.path) {
        // Relative paths now resolve elsewhere: nothing inferred for the old file holds.
        this.asked++;
        if (state.inferred !== NO_INFERENCE) state.setInferred(NO_INFERENCE);
      }
      if (state.doc !== prev.doc || state.typesById !== prev.typesById || state.path !== prev.path)
        this.schedule();
    });
    this.schedule();
    return () => {
      off();
      clearTimeout(this.timer);
      this.asked++;
    };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(), this.delayMs);
  }

  private async ask(): Promise<void> {
    const state = this.editor.getState();
    if (state.view !== 'editor' || state.typesById.size === 0) return;
    if (!infersAny(state)) {
      if (state.inferred !== NO_INFERENCE) state.setInferred(NO_INFERENCE);
      return;
    }
    const seq = ++this.asked;
    const doc: Workflow = state.doc;
    const path = state.path;
    try {
      const answer = await this.host.call('workflow:infer', {
        workflow: doc,
        ...(path !== null ? { path } : {}),
      });
      if (seq !== this.asked) return;
      const keys: Record<string, string> = {};
      for (const node of doc.nodes) keys[node.id] = inferenceKey(node);
      this.editor
        .getState()
        .setInferred({ outputTypes: answer.outputTypes, problems: answer.problems, keys });
    } catch {
      // The host is away (it reconnects) or refused the document (its own check reports why at Run):
      // the editor keeps checking without inferred types.
    }
  }
}
