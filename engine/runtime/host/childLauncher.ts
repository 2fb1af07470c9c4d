// The command-line launcher: node worker processes via child_process. The worker's stdout and stderr
// are read by the host (WorkerProcess.onOutput: into the run's events), else sent to our stderr, so
// `sluice run --json` keeps stdout for events only.
//
// No orphans: on Linux each worker is started through util-linux's `setpriv --pdeathsig KILL`, which
// sets PR_SET_PDEATHSIG and execs node: the kernel kills the worker the moment the host dies (kill -9,
// a second Ctrl-C), whatever the worker is doing. Where setpriv is missing, the worker's watchdog
// thread (worker/watchdog.ts) notices its parent is gone. SLUICE_NO_PDEATHSIG=1 forces that fallback.

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HOST_PID_ENV } from '../common/protocol.js';
import type { Launcher, WorkerProcess } from './contracts.js';

function findSetpriv(): string | undefined {
  if (process.platform !== 'linux' || process.env.SLUICE_NO_PDEATHSIG === '1') return undefined;
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
}

export function createChildLauncher(): Launcher {
  const setpriv = findSetpriv();
  return {
    launch({ entry, env, execArgv }): WorkerProcess {
      const common = {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'] as ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json' as const,
      };
      // The host's pid: a worker whose parent is already someone else at start (the host died before
      // the parent-death signal was set) ends at once (workerMain.ts).
      const hostEnv = { ...process.env, ...env, [HOST_PID_ENV]: String(process.pid) };
      const child: ChildProcess = setpriv
        ? spawn(setpriv, ['--pdeathsig', 'KILL', process.execPath, ...(execArgv ?? []), entry], {
            ...common,
            env: { ...hostEnv, SLUICE_PDEATHSIG: '1' },
          })
        : fork(entry, [], { ...common, env: hostEnv, execArgv: execArgv ?? [] });
      const outputListeners: Array<(text: string) => void> = [];
      const onOutput = (chunk: Buffer): void => {
        if (outputListeners.length === 0) process.stderr.write(chunk);
        else for (const l of outputListeners) l(chunk.toString('utf8'));
      };
      child.stdout?.on('data', onOutput);
      child.stderr?.on('data', onOutput);
      return {
        get pid() {
          return child.pid;
        },
        send(message) {
          if (child.connected) child.send(message as object, (err) => void err);
        },
        onMessage(listener) {
          child.on('message', listener);
        },
        onExit(listener) {
          // 'close': after its output is read, so an out-of-memory message is there when it ends.
          child.on('close', (code, signal) => listener(code, signal));
        },
        onOutput(listener) {
          outputListeners.push(listener);
        },
        kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        },
        unref() {
          child.unref();
          child.channel?.unref();
        },
        ref() {
          child.ref();
          child.channel?.ref();
        },
      };
    },
  };
}
