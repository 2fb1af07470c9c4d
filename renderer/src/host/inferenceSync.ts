// Keeps the editor's check supplied with the output types the host works out before the run
// (`workflow:infer`: a CSV's sniffed columns, a SQL query's DESCRIBE), so table ports show their
// columns and the check uses them, as the host's own check at Run does. Asked shortly after the
// document settles, only when it has a node whose type infers; an answer to an older document is
// dropped, and the check slice ignores entries for nodes changed since (store/checkSlice.ts).

import type { HostClient } from '../../../engine/hostApi/api.js';
import type { Workflow } from '../../../engine/model/workflow.js';
import type { EditorState, EditorStore } from '../store/index.js';
import { inferenceKey, NO_INFERENCE } from '../store/checkSlice.js';

/** After the last edit; a CSV sniff or a DESCRIBE costs tens of milliseconds on the host. */
export const INFER_DELAY_MS = 400;

function infersAny(state: EditorState): boolean {
  return state.doc.nodes.some((n) => state.typesById.get(n.type)?.infersOutputs === true);
}

/** What inference depends on: nodes' types and parameters and the wiring; not positions or labels. */
function signature(doc: Workflow, path: string | null): string {
  return JSON.stringify([
    path,
    doc.nodes.map((n) => [n.id, n.type, n.params]),
    doc.edges.map((e) => [e.source, e.sourcePort, e.target, e.targetPort]),
  ]);
}

export class InferenceSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per request; an answer that is not the latest is dropped. */
  private asked = 0;
  /** The signature of the last document asked about: a moved node asks nothing new. */
  private lastAsked: string | null = null;

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
        this.lastAsked = null;
        if (state.inferred !== NO_INFERENCE) state.setInferred(NO_INFERENCE);
      }
      if (state.doc !== prev.doc || state.typesById !== prev.typesById || state.path !== prev.path)
        this.schedule();
    });
    // Back in the window after editing a CSV elsewhere: its columns may have changed.
    const onFocus = () => {
      this.lastAsked = null;
      this.schedule();
    };
    const win = typeof window === 'undefined' ? undefined : window;
    win?.addEventListener('focus', onFocus);
    this.schedule();
    return () => {
      off();
      win?.removeEventListener('focus', onFocus);
      clearTimeout(this.timer);
      this.asked++;
    };
  }

  /** Asks again now that what the host may read changed (the folder was trusted). */
  refresh(): void {
    this.lastAsked = null;
    this.schedule();
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
    const doc: Workflow = state.doc;
    const path = state.path;
    const sig = signature(doc, path);
    if (sig === this.lastAsked) return;
    this.lastAsked = sig;
    const seq = ++this.asked;
    try {
      const answer = await this.host.call('workflow:infer', {
        workflow: doc,
        ...(path !== null ? { path } : {}),
      });
      if (seq !== this.asked) return;
      const keys: Record<string, string> = {};
      for (const node of doc.nodes) keys[node.id] = inferenceKey(node);
      this.editor.getState().setInferred({
        outputTypes: answer.outputTypes,
        problems: answer.problems,
        suggestedParams: answer.suggestedParams,
        keys,
      });
    } catch {
      if (seq === this.asked) this.lastAsked = null; // ask again after the next edit
      // The host is away (it reconnects) or refused the document (its own check reports why at Run):
      // the editor keeps checking without inferred types.
    }
  }
}
