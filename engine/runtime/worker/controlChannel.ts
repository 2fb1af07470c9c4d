// The worker's end of the control channel: Node's IPC (`process.send`) when forked by
// child_process, or Electron's `process.parentPort` when started by utilityProcess.fork.

import type { HostToWorker, WorkerToHost } from '../common/protocol.js';

export interface ControlChannel<In = HostToWorker, Out = WorkerToHost> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** The host went away. */
  onDisconnect(listener: () => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function connectControlChannel<In = HostToWorker, Out = WorkerToHost>(): ControlChannel<In, Out> {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data as In)),
      // utilityProcess children are killed with their parent.
      onDisconnect: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The Sluice worker must be started by a host (no IPC channel)');
  return {
    send: (m) => {
      if (process.connected) send(m);
    },
    onMessage: (l) => process.on('message', (m) => l(m as In)),
    onDisconnect: (l) => process.on('disconnect', l),
  };
}
