// Which windows receive a run's events: the window that started it. The first batches of a run can be
// flushed before `run:start` has answered (and so before main knows the window), so batches of a run
// without a window yet are held, within bounds, and handed over when the window is known. Kept apart
// from Electron so this bookkeeping is tested on its own.

import type { RunEvent } from '../engine/model/run.js';
import { TERMINAL_RUN_STATUSES } from '../engine/model/run.js';

/** Runs whose batches are held while no window is known for them. */
export const MAX_HELD_RUNS = 16;
/** Events held per run (the first ones: statuses, which matter most, come first). */
export const MAX_HELD_EVENTS = 5000;

interface Route<W> {
  targets: Set<W>;
  held: RunEvent[];
  ended: boolean;
}

export function endsRun(events: readonly RunEvent[]): boolean {
  return events.some((e) => e.kind === 'run-status' && TERMINAL_RUN_STATUSES.includes(e.status));
}

export class RunRoutes<W> {
  readonly #routes = new Map<string, Route<W>>();

  /** The windows to send this batch to; none while the run has no window yet (the batch is held). */
  dispatch(runId: string, events: RunEvent[]): W[] {
    let route = this.#routes.get(runId);
    if (route === undefined) {
      route = { targets: new Set(), held: [], ended: false };
      this.#routes.set(runId, route);
      this.#evictHeld();
    }
    const targets = [...route.targets];
    if (targets.length === 0) {
      const room = MAX_HELD_EVENTS - route.held.length;
      if (room > 0) route.held.push(...events.slice(0, room));
    }
    if (endsRun(events)) {
      route.ended = true;
      if (targets.length > 0) this.#routes.delete(runId);
    }
    return targets;
  }

  /** `target` started `runId`; returns the events held for it so far, to send first. */
  add(runId: string, target: W): RunEvent[] {
    const route = this.#routes.get(runId) ?? { targets: new Set<W>(), held: [], ended: false };
    const held = route.held;
    route.held = [];
    route.targets.add(target);
    if (route.ended) this.#routes.delete(runId);
    else this.#routes.set(runId, route);
    return held;
  }

  /** A window closed. */
  forget(target: W): void {
    for (const [runId, route] of this.#routes) {
      if (route.targets.delete(target) && route.targets.size === 0) this.#routes.delete(runId);
    }
  }

  get size(): number {
    return this.#routes.size;
  }

  #evictHeld(): void {
    const held = [...this.#routes].filter(([, r]) => r.targets.size === 0);
    for (const [runId] of held.slice(0, Math.max(0, held.length - MAX_HELD_RUNS))) this.#routes.delete(runId);
  }
}
