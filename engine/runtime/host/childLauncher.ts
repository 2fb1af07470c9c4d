// The command-line launcher: node worker processes via child_process.fork. The worker's stdout is
// sent to our stderr so `sluice run --json` keeps stdout for events only.

import { fork } from 'node:child_process';
import type { Launcher, WorkerProcess } from './contracts.js';

export function createChildLauncher(): Launcher {
  return {
    launch({ entry, env, execArgv }): WorkerProcess {
      const child = fork(entry, [], {
        stdio: ['ignore', 2, 2, 'ipc'],
        env: { ...process.env, ...env },
        execArgv: execArgv ?? [],
        serialization: 'json',
      });
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
          child.on('exit', (code, signal) => listener(code, signal));
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
