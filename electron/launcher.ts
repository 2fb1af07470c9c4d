// The app's Launcher: node processes as Electron utility processes, running the same worker entry
// (dist/engine/worker.js) the CLI starts with child_process.fork. A utility process is a Node.js
// process managed by Chromium's service layer: it shows up in the app's process metrics, dies with the
// app, and needs no ELECTRON_RUN_AS_NODE (which the fuses of a hardened build may disable).

import { utilityProcess } from 'electron';
import type { Launcher, WorkerProcess } from '../engine/runtime/host/contracts.js';
import { exitReport } from './exitReport.js';
import { unpacked } from './paths.js';

export const WORKER_SERVICE_NAME = 'Sluice node';

export interface UtilityLauncherOptions {
  /**
   * The worker entry on disk. The runtime names dist/engine/worker.js relative to its own bundle, which
   * in a packaged app is inside app.asar; the unpacked copy is the one a process can start from.
   */
  workerEntry?: string;
}

export function createUtilityLauncher(options: UtilityLauncherOptions = {}): Launcher {
  return {
    launch({ entry, env, execArgv }): WorkerProcess {
      const child = utilityProcess.fork(options.workerEntry ?? unpacked(entry), [], {
        serviceName: WORKER_SERVICE_NAME,
        // Node output (a node's console.log, crash traces) goes where the app's own output goes.
        stdio: 'inherit',
        env: { ...process.env, ...env },
        execArgv: execArgv ?? [],
      });
      let killedWith: string | undefined;
      let exited = false;
      child.once('exit', () => {
        exited = true;
      });
      return {
        get pid() {
          return child.pid;
        },
        send(message) {
          if (!exited) child.postMessage(message);
        },
        onMessage(listener) {
          child.on('message', listener);
        },
        onExit(listener) {
          child.on('exit', (code) => {
            const { code: c, signal } = exitReport(code, killedWith);
            listener(c, signal);
          });
        },
        kill(signal = 'SIGTERM') {
          // After exit the pid may belong to another process by now.
          if (exited) return;
          killedWith = signal;
          // child.kill() sends SIGTERM and reaps the process; other signals (SIGKILL after a grace
          // period) go through the pid, since utilityProcess.kill() takes no signal.
          if (signal === 'SIGTERM' || child.pid === undefined) {
            child.kill();
            return;
          }
          try {
            process.kill(child.pid, signal);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
          }
        },
      };
    },
  };
}
