// Runs a node's `run` under its policy: retries with exponential backoff, a timeout per attempt,
// and cancellation. Inputs and outputs persist across attempts. When an attempt ends, `endAttempt`
// fences it (its later reads and sends are refused); before a retry, `rewind` hands the retry again
// what the failed attempt took and had not finished with, and skips what it already sent
// (docs/runtime.md "Retries").

import type { NodeContext, NodeDefinition } from '../../sdk/index.js';
import type { NodePolicy } from '../../model/workflow.js';
import type { ErrorInfo, NodeStatus, TerminalNodeStatus } from '../../model/run.js';
import { StoppedError, toErrorInfo } from '../common/errors.js';

export type AttemptStatus = Exclude<NodeStatus, 'pending' | 'starting'>;

export interface RunPolicyOptions {
  definition: NodeDefinition<never>;
  nodeId: string;
  policy: NodePolicy;
  /** Aborted when the run is stopped. */
  stopSignal: AbortSignal;
  context(attempt: number, signal: AbortSignal): NodeContext;
  onStatus(status: AttemptStatus, attempt: number, error?: ErrorInfo): void;
  /** The attempt is over (whatever its code still does): refuse its reads and sends from now on. */
  endAttempt(attempt: number): void;
  /** A retry is about to start. */
  rewind(): void;
  /** Ends an attempt past its timeout even when its code does not yield (watchdog.ts). */
  watchdog?: { arm(attempt: number, ms: number): void; disarm(attempt: number): void };
}

export type FinalStatus = TerminalNodeStatus;

/** Default first backoff and cap of retries (ms). */
export const DEFAULT_BACKOFF_MS = 200;
export const DEFAULT_BACKOFF_MAX_MS = 30_000;

/**
 * The wait before retry number `attempt` (1 = the first retry): exponential from
 * `retryBackoffMs`, capped at `retryBackoffMaxMs`, with "equal jitter" (between half and all of it,
 * `random` in [0, 1)) so that nodes failing together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<NodePolicy, 'retryBackoffMs' | 'retryBackoffMaxMs'>,
  random: number,
): number {
  const base = Math.max(0, policy.retryBackoffMs ?? DEFAULT_BACKOFF_MS);
  const cap = Math.max(0, policy.retryBackoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS);
  const full = Math.min(cap, base * 2 ** (attempt - 1));
  return full / 2 + (full / 2) * random;
}

export async function runWithPolicy(
  o: RunPolicyOptions,
): Promise<{ status: FinalStatus; error?: ErrorInfo }> {
  const retries = Math.max(0, Math.floor(o.policy.retries ?? 0));
  for (let attempt = 1; ; attempt++) {
    if (o.stopSignal.aborted) return { status: 'cancelled' };
    if (attempt > 1) o.rewind();
    o.onStatus('running', attempt);
    try {
      await runAttempt(o, attempt);
      return { status: 'completed' };
    } catch (err) {
      o.endAttempt(attempt);
      if (o.stopSignal.aborted) return { status: 'cancelled' };
      const error = toErrorInfo(err);
      if (attempt > retries) return { status: 'failed', error };
      o.onStatus('retrying', attempt + 1, error);
      const stopped = await sleep(backoffDelay(attempt, o.policy, Math.random()), o.stopSignal);
      if (stopped) return { status: 'cancelled' };
    }
  }
}

async function runAttempt(o: RunPolicyOptions, attempt: number): Promise<void> {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  // Settles when the attempt must end whether or not `run` honours its signal.
  const interrupt = new Promise<never>((_, reject) => {
    const onStop = (): void => {
      controller.abort(new StoppedError());
      reject(new StoppedError());
    };
    if (o.stopSignal.aborted) onStop();
    o.stopSignal.addEventListener('abort', onStop, { once: true });
    cleanups.push(() => o.stopSignal.removeEventListener('abort', onStop));
    const ms = o.policy.timeoutMs;
    if (ms !== undefined && ms > 0) {
      o.watchdog?.arm(attempt, ms);
      cleanups.push(() => o.watchdog?.disarm(attempt));
      const timer = setTimeout(() => {
        const e = new Error(`Node "${o.nodeId}" (${o.definition.type}) timed out after ${ms} ms`);
        controller.abort(e);
        reject(e);
      }, ms);
      cleanups.push(() => clearTimeout(timer));
    }
  });
  interrupt.catch(() => undefined);
  try {
    const ctx = o.context(attempt, controller.signal);
    await Promise.race([o.definition.run(ctx as NodeContext<never>), interrupt]);
  } finally {
    for (const c of cleanups) c();
  }
}

/** Resolves true when stopped before the delay is over. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(true);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
