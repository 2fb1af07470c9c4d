// The host's end of the inference process (engine/runtime/worker/inferenceMain.ts): started on the first
// question of a check, asked every node of that check, closed when the check ends. An answer that
// takes too long kills the process (a FIFO, a huge sniff, a runaway query stop there, not in the host);
// the next question starts a fresh one.

import {
  INFERENCE_ROLE,
  PROCESS_ROLE_ENV,
  type HostToInference,
  type InferenceAnswer,
  type InferenceRequest,
  type InferenceSandbox,
  type InferenceToHost,
} from '../common/inferenceProtocol.js';
import { createChildLauncher } from './childLauncher.js';
import type { Launcher, WorkerProcess } from './contracts.js';
import { resolveWorkerEntry } from './workerEntry.js';

export const INFER_TIMEOUT_MS = 10_000;
/** V8 heap of the inference process (DuckDB's own memory is capped inside it). */
const HEAP_MB = 256;

export interface InferenceProcessOptions {
  sandbox: InferenceSandbox;
  launcher?: Launcher;
  /** dist/engine/worker.js by default. */
  entry?: string;
  timeoutMs?: number;
}

interface Pending {
  resolve(answer: InferenceAnswer): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class InferenceProcess {
  private proc: WorkerProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: InferenceProcessOptions) {}

  ask(request: InferenceRequest): Promise<InferenceAnswer> {
    if (this.closed) return Promise.reject(new Error('the check has ended'));
    const proc = this.process();
    const id = this.nextId++;
    const ms = this.options.timeoutMs ?? INFER_TIMEOUT_MS;
    return new Promise<InferenceAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(proc, (otherId) =>
          otherId === id
            ? new Error(`no answer within ${ms / 1000} s (the check was stopped)`)
            : new Error('stopped with a node whose check took too long'),
        );
      }, ms);
      this.pending.set(id, { resolve, reject, timer });
      proc.send({ type: 'infer', id, request } satisfies HostToInference);
    });
  }

  /** Ends the process; questions still open fail. */
  close(): void {
    this.closed = true;
    if (this.proc) this.stop(this.proc, () => new Error('the check has ended'));
  }

  private process(): WorkerProcess {
    if (this.proc) return this.proc;
    const launcher = this.options.launcher ?? createChildLauncher();
    const proc = launcher.launch({
      entry: this.options.entry ?? resolveWorkerEntry(),
      env: { [PROCESS_ROLE_ENV]: INFERENCE_ROLE },
      execArgv: [`--max-old-space-size=${HEAP_MB}`],
    });
    proc.send({ type: 'setup', sandbox: this.options.sandbox } satisfies HostToInference);
    proc.onMessage((raw) => this.receive(raw as InferenceToHost));
    proc.onExit((code, signal) => {
      if (this.proc === proc) this.proc = undefined;
      this.failAll(() => new Error(`the check's process ended (${signal ?? `code ${code}`})`));
    });
    // A host that only waits for a check to end should not stay alive for this process alone.
    proc.unref?.();
    this.proc = proc;
    return proc;
  }

  private receive(m: InferenceToHost): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'answer') p.resolve(m.answer);
    else p.reject(new Error(m.message));
  }

  private stop(proc: WorkerProcess, why: (id: number) => Error): void {
    if (this.proc === proc) this.proc = undefined;
    proc.kill('SIGKILL');
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
