// Checked as electron/preload.ts: the preload names the engine's host side, even for a type. Lint
// refuses the import; the preload's compile boundary refuses engine/host/ in its program.
import { contextBridge } from 'electron';
import type { HostService } from '../engine/host/hostService.js';

export type Service = HostService;
contextBridge.exposeInMainWorld('nothing', {});
