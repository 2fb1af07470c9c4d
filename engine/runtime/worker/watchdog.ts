// A watchdog thread in the node's process, beside (not on) the event loop that runs node code:
// - an attempt past its timeout whose code does not yield (a synchronous loop, or microtasks only)
//   has its JavaScript terminated through the inspector (`Runtime.terminateExecution`, V8's
//   TerminateExecution: uncatchable, it unwinds the node code's stack and the event loop goes on),
//   so the in-process timeout can end the attempt and a retry can follow in this process with the
//   channels intact; if that does not take within KILL_AFTER_MS (stuck in native code), the thread
//   kills the process: the host reports the timeout;
// - where the host could not have the kernel end this process with its parent (no `setpriv
//   --pdeathsig`, see childLauncher.ts), it watches the parent pid and kills the process when the
//   host is gone, even while the event loop is blocked.
// The thread starts only when needed (a node with a timeout, or no parent-death signal): a thread
// costs about 25 ms of CPU to start.

import { Worker } from 'node:worker_threads';

/** How long past its deadline an attempt may run before its code is terminated. */
export const TERMINATE_GRACE_MS = 100;
/** How long the event loop must not have turned for the code to count as not yielding. */
const STALL_MS = 150;
/** After a terminate, how long before the process is killed. */
export const KILL_AFTER_MS = 1000;
const HEARTBEAT_MS = 25;

// CommonJS source of the thread: the worker is one bundle, so the thread is started with `eval`.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const beat = new Int32Array(workerData.heartbeat);
let armed; // { attempt, timer }
let session;
function terminate() {
  if (!session) {
    const inspector = require('node:inspector');
    session = new inspector.Session();
    session.connectToMainThread();
  }
  session.post('Runtime.terminateExecution');
}
function check(attempt, lastBeat) {
  if (!armed || armed.attempt !== attempt) return;
  const now = Atomics.load(beat, 0);
  if (now !== lastBeat) {
    // The event loop turns: the in-process timer ends the attempt. Look again shortly.
    armed.timer = setTimeout(() => check(attempt, now), ${STALL_MS});
    return;
  }
  terminate();
  armed.timer = setTimeout(() => {
    if (armed && armed.attempt === attempt) process.kill(process.pid, 'SIGKILL');
  }, ${KILL_AFTER_MS});
}
parentPort.on('message', (m) => {
  if (m.type === 'arm') {
    if (armed) clearTimeout(armed.timer);
    const a = (armed = { attempt: m.attempt, timer: undefined });
    a.timer = setTimeout(() => {
      const b = Atomics.load(beat, 0);
      a.timer = setTimeout(() => check(m.attempt, b), ${STALL_MS});
    }, m.ms + ${TERMINATE_GRACE_MS});
  } else if (m.type === 'disarm') {
    if (armed && armed.attempt === m.attempt) { clearTimeout(armed.timer); armed = undefined; }
  }
});
if (workerData.parentPid) {
  setInterval(() => {
    if (process.ppid !== workerData.parentPid) process.kill(process.pid, 'SIGKILL');
  }, 200);
}
`;

export class Watchdog {
  private readonly worker: Worker;
  private readonly beat: Int32Array;
  private readonly beatTimer: NodeJS.Timeout;

  /** `parentPid`: kill this process when its parent is gone (no parent-death signal). */
  constructor(parentPid?: number) {
    const heartbeat = new SharedArrayBuffer(4);
    this.beat = new Int32Array(heartbeat);
    this.worker = new Worker(SOURCE, { eval: true, workerData: { heartbeat, parentPid } });
    this.worker.unref();
    this.beatTimer = setInterval(() => Atomics.add(this.beat, 0, 1), HEARTBEAT_MS);
    this.beatTimer.unref();
  }

  /** Attempt `attempt` must end within `ms`. */
  arm(attempt: number, ms: number): void {
    this.worker.postMessage({ type: 'arm', attempt, ms });
  }

  disarm(attempt: number): void {
    this.worker.postMessage({ type: 'disarm', attempt });
  }
}
