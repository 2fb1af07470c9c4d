// The host's end of the inference process (engine/runtime/worker/inferenceMain.ts): started on the first
// question of a check, asked every node of that check, closed when the check ends. An answer that
// takes too long kills the process (a huge sniff, a runaway query, a file swapped for a FIFO stop
// there, not in the host); the next question starts a fresh one.

import type {
  HostToInference,
  InferenceAnswer,
  InferenceRequest,
  InferenceSandbox,
  InferenceToHost,
} from '../../nodes/inferenceProtocol.js';
import type { Launcher, WorkerProcess } from './contracts.js';
import { launchInference, type InferenceSpares } from './inferenceSpares.js';

export const INFER_TIMEOUT_MS = 10_000;
/** Starting the process (Node, the bundle) on a busy machine; answers' own timeouts start after it. */
const START_TIMEOUT_MS = 20_000;

export interface InferenceProcessOptions {
  sandbox: InferenceSandbox;
  launcher?: Launcher;
  /** dist/engine/worker.js by default. */
  entry?: string;
  timeoutMs?: number;
  /** Pre-started processes (a long-lived host keeps one ready); else one is started per check. */
  spares?: InferenceSpares;
}

interface Pending {
  resolve(answer: InferenceAnswer): void;
  reject(err: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Child {
  proc: WorkerProcess;
  ready: Promise<void>;
}

export class InferenceProcess {
  private child: Child | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private started = false;

  constructor(private readonly options: InferenceProcessOptions) {}

  async ask(request: InferenceRequest): Promise<InferenceAnswer> {
    if (this.closed) throw new Error('the check has ended');
    const child = this.start();
    const id = this.nextId++;
    const ms = this.options.timeoutMs ?? INFER_TIMEOUT_MS;
    return new Promise<InferenceAnswer>((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      this.pending.set(id, pending);
      child.ready.then(
        () => {
          if (!this.pending.has(id)) return;
          pending.timer = setTimeout(() => {
            this.stop(child, (otherId) =>
              otherId === id
                ? new Error(`no answer within ${ms / 1000} s (the check was stopped)`)
                : new Error('stopped with a node whose check took too long'),
            );
          }, ms);
          child.proc.send({ type: 'infer', id, request } satisfies HostToInference);
        },
        (err: Error) => reject(err),
      );
    });
  }

  /** Ends the process; questions still open fail. */
  close(): void {
    this.closed = true;
    if (this.child) this.stop(this.child, () => new Error('the check has ended'));
    // Only a check that used a process makes the next spare: one that inferred nothing starts none.
    if (this.started) this.options.spares?.refill();
  }

  private start(): Child {
    if (this.child) return this.child;
    this.started = true;
    const proc = this.options.spares?.take() ?? launchInference(this.options);
    let markReady: () => void = () => undefined;
    let failStart: (err: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // Nobody may be waiting yet; the rejection still reaches every asker through `ready.then`.
    ready.catch(() => undefined);
    const startTimer = setTimeout(() => {
      failStart(new Error(`the check's process did not start within ${START_TIMEOUT_MS / 1000} s`));
      this.stop(child, () => new Error(`the check's process did not start`));
    }, START_TIMEOUT_MS);
    const child: Child = { proc, ready };
    proc.onMessage((raw) => {
      const m = raw as InferenceToHost;
      if (m.type === 'ready') {
        clearTimeout(startTimer);
        markReady();
      } else this.receive(m);
    });
    proc.onExit((code, signal) => {
      clearTimeout(startTimer);
      const why = new Error(`the check's process ended (${signal ?? `code ${code}`})`);
      failStart(why);
      if (this.child === child) this.child = undefined;
      this.failAll(() => why);
    });
    proc.send({ type: 'setup', sandbox: this.options.sandbox } satisfies HostToInference);
    // A host that only waits for a check to end should not stay alive for this process alone.
    proc.unref?.();
    this.child = child;
    return child;
  }

  private receive(m: Exclude<InferenceToHost, { type: 'ready' }>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'answer') p.resolve(m.answer);
    else p.reject(new Error(m.message));
  }

  private stop(child: Child, why: (id: number) => Error): void {
    if (this.child === child) this.child = undefined;
    child.proc.kill('SIGKILL');
    this.failAll(why);
  }

  private failAll(why: (id: number) => Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(why(id));
    }
    this.pending.clear();
  }
}
