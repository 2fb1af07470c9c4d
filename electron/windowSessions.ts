// Which windows receive a run's events: each window is its own session of the host service, so it
// gets the runs it started (bound before their first event, replayed from the run's event log) and
// the ones it subscribed to, and no other window's. Nothing is held here. No Electron here: tested
// in plain Node.

import type { HostService, HostSession } from '../engine/host/hostService.js';
import type { RunEventsPayload } from './contract/ipc.js';

export interface WindowSessionsOptions<W> {
  /** Sends a batch to the window; false when the window is gone. */
  send(window: W, payload: RunEventsPayload): boolean;
  /** Calls `gone` once when the window closes. */
  watch(window: W, gone: () => void): void;
}

export class WindowSessions<W> {
  readonly #sessions = new Map<W, HostSession>();

  constructor(
    private readonly service: Pick<HostService, 'openSession'>,
    private readonly options: WindowSessionsOptions<W>,
  ) {}

  /** The window's session, opened on its first host call. */
  of(window: W): HostSession {
    let session = this.#sessions.get(window);
    if (session === undefined) {
      session = this.service.openSession((runId, events) => {
        if (!this.options.send(window, { runId, events })) this.forget(window);
      });
      this.#sessions.set(window, session);
      this.options.watch(window, () => this.forget(window));
    }
    return session;
  }

  /** The window closed: its runs go on, their events go nowhere. */
  forget(window: W): void {
    this.#sessions.get(window)?.close();
    this.#sessions.delete(window);
  }

  closeAll(): void {
    for (const window of [...this.#sessions.keys()]) this.forget(window);
  }

  get size(): number {
    return this.#sessions.size;
  }
}
