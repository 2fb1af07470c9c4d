// Linted as renderer/src/host/fixture.ts: the renderer imports Electron itself.
import { ipcRenderer } from 'electron';

export const send = (channel: string) => ipcRenderer.send(channel);
