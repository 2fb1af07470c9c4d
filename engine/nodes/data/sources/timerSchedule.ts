// timer.schedule: emits ticks on an interval or a cron schedule (croner), `count` times, then ends.
import { defineNode } from '../../../sdk/index.js';

interface TimerParams {
  intervalMs: number;
  cron: string;
  count: number;
  immediate: boolean;
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export default defineNode<TimerParams>({
  type: 'timer.schedule',
  title: 'Timer',
  category: 'Sources',
  description:
    'Emits a tick { n, time } every `intervalMs`, or on a cron schedule, `count` times (0 = until the run is stopped).',
  inputs: [],
  outputs: [{ name: 'tick', type: 'record{n:integer,time:timestamp}' }],
  params: [
    { key: 'intervalMs', kind: 'number', integer: true, min: 1, default: 1000, label: 'Interval (ms)' },
    {
      key: 'cron',
      kind: 'string',
      default: '',
      label: 'Cron',
      placeholder: '*/5 * * * * * (overrides the interval)',
    },
    {
      key: 'count',
      kind: 'number',
      integer: true,
      min: 0,
      default: 10,
      label: 'Ticks',
      description: '0: until the run is stopped.',
    },
    { key: 'immediate', kind: 'boolean', default: false, label: 'First tick at start' },
  ],
  async run(ctx) {
    const { intervalMs, cron, count, immediate } = ctx.params;
    let schedule: { nextRun(): Date | null } | undefined;
    if (cron) {
      const { Cron } = await import('croner');
      try {
        schedule = new Cron(cron, { paused: true });
      } catch (err) {
        throw new Error(`Node "${ctx.nodeId}": invalid cron "${cron}": ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    const out = ctx.outputs['tick']!;
    for (let n = 1; count === 0 || n <= count; n++) {
      if (!(immediate && n === 1)) {
        const wait = schedule ? (schedule.nextRun()?.getTime() ?? Infinity) - Date.now() : intervalMs;
        if (!Number.isFinite(wait)) break; // the cron pattern has no further date
        await sleep(Math.max(0, wait), ctx.signal);
      }
      await out.send({ n, time: new Date().toISOString() });
      if (count) ctx.progress({ done: n, total: count });
    }
  },
});
