// Waiting for a run's node processes to end: each gets `graceMs` to exit by itself, then is killed.

import type { WorkerProcess } from './contracts.js';

export interface ExitingProcess {
  proc: WorkerProcess | undefined;
  exited: boolean;
  exitWaiters: Array<() => void>;
}

export async function waitForExits(slots: readonly ExitingProcess[], graceMs: number): Promise<void> {
  const all = slots.filter((s) => s.proc && !s.exited);
  if (all.length === 0) return;
  const exited = Promise.all(
    all.map((s) => new Promise<void>((r) => (s.exited ? r() : s.exitWaiters.push(r)))),
  );
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
  await Promise.race([exited, grace]);
  clearTimeout(timer);
  for (const s of all) if (!s.exited) s.proc?.kill('SIGKILL');
  await exited;
}
