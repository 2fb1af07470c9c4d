// Opening a run from the history: its workflow as it ran goes into the editor (after the unsaved-work
// prompt), with the run's node states, counts, logs and errors on it; a run still going is followed.

import type { HostClient } from '../../../engine/hostApi/api.js';
import { parseWorkflow } from '../../../engine/model/load.js';
import { serializeWorkflow } from '../../../engine/model/save.js';
import type { RunSession } from '../run/runSession.js';
import type { EditorStore } from '../store/index.js';
import { replaceDocument } from '../unsaved.js';

/** The file's text in canonical form, or null when it cannot be read or is not a workflow. */
async function currentText(host: HostClient, path: string): Promise<string | null> {
  try {
    const { workflow } = parseWorkflow((await host.call('workflow:open', { path })).text);
    return workflow ? serializeWorkflow(workflow) : null;
  } catch {
    return null;
  }
}

export async function openRun(
  host: HostClient,
  editor: EditorStore,
  session: RunSession,
  runId: string,
  then?: () => void,
): Promise<void> {
  const notify = editor.getState().notify;
  try {
    const run = await host.call('run:get', { runId });
    if (!run.workflow) {
      notify(
        'error',
        `Run ${runId} has no workflow in the history (it was recorded before Sluice kept them)`,
      );
      return;
    }
    const text = serializeWorkflow(run.workflow);
    const path = run.workflowPath ?? null;
    // The file may have changed since: then the run's version opens unsaved, so Save asks first.
    const same = path !== null && (await currentText(host, path)) === text;
    replaceDocument(host, editor, () => {
      const result =
        same || path === null
          ? editor.getState().loadDocument(path, text)
          : editor.getState().restoreDocument(path, text);
      if (!result.ok) {
        notify(
          'error',
          `Cannot open run ${runId}: ${result.problems[0]?.message ?? 'its workflow is invalid'}`,
        );
        return;
      }
      if (path !== null && !same)
        notify('info', `This is ${run.workflowName} as run ${runId} ran it; the file has changed since.`);
      void session.show(run).then(then);
    });
  } catch (err) {
    notify('error', `Cannot open run ${runId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
