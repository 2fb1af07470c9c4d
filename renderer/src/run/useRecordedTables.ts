// Reading a finished run's recorded table outputs through the host API (`run:outputs`, `run:preview`),
// for the inspector's preview and the data view alike.
import { useEffect, useState } from 'react';
import type { RecordedOutput, TablePreview } from '../../../engine/hostApi/api.js';
import { useRunSession } from './context.js';
import { isTerminal } from './runState.js';
import { useRun } from './runStore.js';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The run id once the run's records are final, else null. Not when the node itself ends: a table it
 * sent is executed, and its preview captured, by a node downstream (previewCapture.ts), which may
 * still be running then.
 */
export function useSettledRun(_nodeId: string): string | null {
  return useRun((s) => {
    const run = s.run;
    if (!run || run.runId === 'local') return null;
    return isTerminal(run.status) ? run.runId : null;
  });
}

/** Every table output the run recorded. */
export function useRecordedOutputs(runId: string | null): Loaded<RecordedOutput[]> | null {
  const session = useRunSession();
  const [loaded, setLoaded] = useState<Loaded<RecordedOutput[]> | null>(null);
  useEffect(() => {
    setLoaded(null);
    if (runId === null) return;
    let live = true;
    setLoaded({ state: 'loading' });
    session.outputs(runId).then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (err: unknown) => live && setLoaded({ state: 'error', message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [session, runId]);
  return loaded;
}

/** Schema, row count and the first rows of one recorded table. */
export function useTablePreview(
  runId: string | null,
  nodeId: string,
  port: string | null,
): Loaded<TablePreview> | null {
  const session = useRunSession();
  const [loaded, setLoaded] = useState<Loaded<TablePreview> | null>(null);
  useEffect(() => {
    setLoaded(null);
    if (runId === null || port === null) return;
    let live = true;
    setLoaded({ state: 'loading' });
    session.preview(runId, nodeId, port).then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (err: unknown) => live && setLoaded({ state: 'error', message: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [session, runId, nodeId, port]);
  return loaded;
}
